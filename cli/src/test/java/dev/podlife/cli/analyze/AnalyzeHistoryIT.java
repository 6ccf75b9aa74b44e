package dev.podlife.cli.analyze;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.podlife.events.FactSerde;
import dev.podlife.testing.KubeJson;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code podlife analyze --report history} on a recorded watch in which a StatefulSet pod's name is
 * reused.
 */
class AnalyzeHistoryIT {
  private static final String FIRST = "5a0c1e2d-3f4b-4c5d-8e6f-00000000d0a1";
  private static final String SECOND = "5a0c1e2d-3f4b-4c5d-8e6f-00000000d0b2";
  @TempDir Path dir;

  /**
   * A watch stream, as {@code kubectl get pods --watch --output-watch-events -o json} records it.
   */
  private String watch(String... typeAndResource) throws Exception {
    StringBuilder stream = new StringBuilder();
    for (int i = 0; i < typeAndResource.length; i += 2) {
      JsonNode object =
          FactSerde.mapper()
              .readTree(KubeJson.resource("history/" + typeAndResource[i + 1] + ".json"));
      stream
          .append("{\"type\":\"")
          .append(typeAndResource[i])
          .append("\",\"object\":")
          .append(object)
          .append("}\n");
    }
    Path file = dir.resolve("watch.json");
    Files.writeString(file, stream);
    return file.toString();
  }

  @Test
  void eachIncarnationOfAReusedNameHasItsOwnHistoryNewestFirst() throws Exception {
    String capture =
        watch(
            "ADDED",
            "db-0-first-running",
            "MODIFIED",
            "db-0-first-terminating",
            "DELETED",
            "db-0-first-terminating",
            "ADDED",
            "db-1-running",
            "ADDED",
            "db-0-second-running");

    JsonNode report =
        FactSerde.mapper()
            .readTree(AnalyzeCli.run("analyze", "--report", "history", "-o", "json", capture));

    assertThat(
            StreamSupport.stream(report.spliterator(), false)
                .map(p -> p.get("name").asString() + " " + p.get("uid").asString()))
        .containsExactly(
            "db-0 " + SECOND, "db-0 " + FIRST, "db-1 5a0c1e2d-3f4b-4c5d-8e6f-00000000d1c3");
    JsonNode first = report.get(1);
    assertThat(List.copyOf(first.propertyNames()))
        .containsExactly("uid", "namespace", "name", "entries");
    assertThat(first.get("namespace").asString()).isEqualTo("shop");
    JsonNode entries = first.get("entries");
    assertThat(List.copyOf(entries.get(0).propertyNames()))
        .containsExactly("at", "kind", "detail", "status");
    List<String> at = new ArrayList<>();
    entries.forEach(e -> at.add(e.get("at").asString()));
    assertThat(at).isSorted();
    assertThat(entries.get(0).get("kind").asString()).isEqualTo("PodObserved");
    assertThat(entries.get(0).get("status").asString()).isEqualTo("Running");
    JsonNode last = entries.get(entries.size() - 1);
    assertThat(last.get("kind").asString()).isEqualTo("PodDeleted");
    assertThat(last.get("detail").asString()).isEqualTo("Pod deleted");
    assertThat(last.get("status").asString()).isEqualTo("Terminating");
    assertThat(
            StreamSupport.stream(report.get(0).get("entries").spliterator(), false)
                .map(e -> e.get("kind").asString()))
        .doesNotContain("PodDeleted", "DeletionRequested");
  }

  @Test
  void theTableShowsOneSectionPerIncarnation() throws Exception {
    String capture = watch("ADDED", "db-0-first-running", "ADDED", "db-0-second-running");

    String table = AnalyzeCli.run("analyze", "--report", "history", capture);

    assertThat(table.lines().filter(l -> l.startsWith("shop/db-0  uid "))).hasSize(2);
    assertThat(table).contains("AT", "STATUS", "WHAT", "Running");
  }
}
