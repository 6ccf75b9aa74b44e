package dev.podlife.cli.analyze;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code podlife analyze --report probes} on a recorded watch stream (pod versions and Events as
 * the API server wrote them): the JSON contract and the counts behind it.
 */
@ExtendWith(PostgresExtension.class)
class ProbesRendererIT {
  private static final String UID = "5b1e0c7a-3d2f-4e8a-9c61-7a2b4c6d8e01";
  private static final List<String> COUNTERS =
      List.of(
          "liveness_failures",
          "readiness_failures",
          "startup_failures",
          "restarts",
          "liveness_restarts",
          "startup_probe_restarts",
          "unobserved_restarts",
          "readiness_flaps",
          "not_ready_seconds");

  private final TestDatabase db;

  ProbesRendererIT(TestDatabase db) {
    this.db = db;
  }

  private ProbesRenderer.Result analyse(String resource) throws Exception {
    Capture capture;
    try (InputStream in = ProbesRendererIT.class.getResourceAsStream(resource)) {
      capture = CaptureReader.read(List.of("-"), new ByteArrayInputStream(in.readAllBytes()));
    }
    List<Fact> facts =
        AnalyzeCli.store(
            db.jdbi(),
            Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC),
            "default",
            capture);
    Instant end = facts.stream().map(Fact::at).max(Instant::compareTo).orElseThrow();
    return ProbesRenderer.read(db.jdbi(), "default", Set.of(UID), end);
  }

  @Test
  void theJsonHasExactlyTheDocumentedShapeAndCounts() throws Exception {
    JsonNode json =
        FactSerde.mapper().readTree(ProbesRenderer.json(analyse("/capture/probes-watch.json")));
    assertThat(json.propertyNames()).containsExactly("containers", "summary");
    JsonNode app = json.get("containers").get(0);
    List<String> expected = new ArrayList<>(List.of("namespace", "pod", "uid", "container"));
    expected.addAll(COUNTERS);
    assertThat(app.propertyNames()).containsExactlyElementsOf(expected);
    assertThat(json.get("summary").propertyNames()).containsExactlyElementsOf(COUNTERS);
    assertThat(app.get("uid").asString()).isEqualTo(UID);
    assertThat(app.get("container").asString()).isEqualTo("app");
    assertThat(app.get("liveness_failures").asLong()).isEqualTo(7);
    assertThat(app.get("readiness_failures").asLong())
        .as("1→7 on one Event, 3 combined")
        .isEqualTo(10);
    assertThat(app.get("startup_failures").asLong()).isEqualTo(2);
    assertThat(app.get("restarts").asLong()).isEqualTo(4);
    assertThat(app.get("liveness_restarts").asLong()).isEqualTo(1);
    assertThat(app.get("unobserved_restarts").asLong()).isEqualTo(2);
    assertThat(app.get("readiness_flaps").asLong()).isEqualTo(2);
    assertThat(app.get("not_ready_seconds").asDouble()).isEqualTo(222.0);
    for (String counter : COUNTERS) {
      assertThat(json.get("summary").get(counter).asDouble())
          .as(counter)
          .isEqualTo(app.get(counter).asDouble());
    }
  }

  @Test
  void theTableNamesTheCausesAndTheProbeConfiguration() throws Exception {
    String table = ProbesRenderer.table(analyse("/capture/probes-watch.json"));
    assertThat(table.lines().toList()).hasSize(3);
    assertThat(table).contains("liveness=1,OOMKilled=1,unobserved=2");
    assertThat(table)
        .contains("liveness httpGet delay=5s period=10s timeout=1s failureThreshold=1");
  }
}
