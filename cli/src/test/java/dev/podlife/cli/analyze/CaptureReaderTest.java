package dev.podlife.cli.analyze;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureReaderTest {
  static String resource(String name) {
    return Path.of("src/test/resources/capture", name).toString();
  }

  static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsAWatchStreamInOrderAndCountsOtherKinds() {
    Capture capture = CaptureReader.read(List.of(resource("watch.json")), stdin(""));

    assertThat(capture.observations())
        .extracting(o -> o.object().getKind() + "@" + o.object().getMetadata().getResourceVersion())
        .containsExactly("Pod@501", "Pod@517", "Event@518");
    assertThat(capture.observations().get(1).object()).isInstanceOf(Pod.class);
    assertThat(capture.observations().get(2).object()).isInstanceOf(Event.class);
    assertThat(capture.skippedByKind()).isEqualTo(Map.of("ReplicaSet (apps/v1)", 1));
  }

  @Test
  void readsListsSingleObjectsAndDeletionsFromStdin() {
    String input =
        """
        {"apiVersion":"v1","kind":"List","items":[
          {"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","namespace":"x","uid":"u-a","resourceVersion":"1"}},
          {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"x","uid":"u-c"}}]}
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"b","namespace":"x","uid":"u-b","resourceVersion":"2"}}
        {"type":"DELETED","object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","namespace":"x","uid":"u-a","resourceVersion":"3"}}}
        """;
    Capture capture = CaptureReader.read(List.of("-"), stdin(input));

    assertThat(capture.observations())
        .extracting(o -> o.object().getMetadata().getName() + (o.deleted() ? " deleted" : ""))
        .containsExactly("a", "b", "a deleted");
    assertThat(capture.skipped()).isEqualTo(1);
  }

  @Test
  void anEventsK8sIoEventIsReadAsTheCoreV1ViewOfTheSameObject() {
    Capture capture = CaptureReader.read(List.of(resource("static-pod-events-v1.json")), stdin(""));

    assertThat(capture.skippedByKind()).isEmpty();
    assertThat(capture.observations())
        .extracting(o -> (Object) o.object().getClass())
        .containsExactly(Pod.class, Event.class, Event.class);
    Event event = (Event) capture.observations().get(1).object();
    assertThat(event.getMessage())
        .isEqualTo("Readiness probe failed: HTTP probe failed with statuscode: 500");
    assertThat(event.getInvolvedObject().getUid()).isEqualTo("6b3f1e0d9c2a47b8a1e5f3c7d9b2e4a6");
    assertThat(event.getCount()).isEqualTo(4);
    assertThat(event.getReportingComponent()).isEqualTo("kubelet");
  }

  @Test
  void malformedJsonNamesTheFileAndPosition() {
    assertThatThrownBy(() -> CaptureReader.read(List.of(resource("broken.json")), stdin("")))
        .isInstanceOf(MalformedCaptureException.class)
        .hasMessageStartingWith(resource("broken.json") + ":3:")
        .hasMessageContaining("malformed JSON")
        .message()
        .doesNotContain("\n");
  }

  @Test
  void aDocumentThatIsNotAnObjectIsRefused() {
    assertThatThrownBy(
            () ->
                CaptureReader.read(
                    List.of("-"), stdin("{\"kind\":\"Pod\",\"metadata\":{\"uid\":\"u\"}}\n[1,2]")))
        .isInstanceOf(MalformedCaptureException.class)
        .hasMessageStartingWith("<stdin>:2:1: expected a JSON object");
  }

  @Test
  void aPodWithoutUidIsRefused() {
    assertThatThrownBy(
            () ->
                CaptureReader.read(
                    List.of("-"), stdin("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"x\"}}")))
        .isInstanceOf(MalformedCaptureException.class)
        .hasMessageContaining("has no metadata.uid");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> CaptureReader.read(List.of("no/such/file.json"), stdin("")))
        .isInstanceOf(MalformedCaptureException.class)
        .hasMessage("no/such/file.json: cannot read file");
  }
}
