package dev.podlife.cli.analyze;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.events.FactSerde;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code podlife analyze --report startup} over the demo's seed scenario as kubectl would have
 * recorded it ({@code kubectl get pods,events --watch --output-watch-events -o json} while the demo
 * played {@code loap}).
 */
@ExtendWith(PostgresExtension.class)
class StartupReportIT {
  private static final String CLUSTER = "demo";

  private final TestDatabase db;

  StartupReportIT(TestDatabase db) {
    this.db = db;
  }

  private StartupReport.Report analyse(String file) {
    Capture capture =
        CaptureReader.read(
            List.of(Path.of("src/test/resources/startup", file).toString()),
            new ByteArrayInputStream(new byte[0]));
    AnalyzeCli.store(db.jdbi(), Clock.systemUTC(), CLUSTER, capture);
    return StartupReport.of(db.jdbi(), CLUSTER, AnalyzeCli.podUids(capture), Clock.systemUTC());
  }

  @Test
  void theSeedPodRunsItsInitContainerStartsAtFourSecondsAndIsReadyAtSeven() {
    StartupReport.Pod loap = analyse("loap-watch.json").pods().getFirst();

    Instant created = loap.created();
    assertThat(loap.name()).startsWith("loap-");
    assertThat(loap.workload().toString()).isEqualTo("Deployment/loap");
    assertThat(loap.scheduled())
        .as("the Scheduled Event's eventTime")
        .isEqualTo("2026-11-25T17:57:04.877601Z");
    assertThat(Duration.between(created, loap.initialized())).isEqualTo(Duration.ofSeconds(3));
    assertThat(loap.initMs()).as("migrate ran from 17:57:05 to 17:57:07").isEqualTo(2000);
    assertThat(loap.imagePullMs()).as("612ms for loap, migrate's image was present").isEqualTo(612);
    assertThat(Duration.between(created, loap.running())).isEqualTo(Duration.ofSeconds(4));
    assertThat(Duration.between(created, loap.ready())).isEqualTo(Duration.ofSeconds(7));
    assertThat(loap.stateless()).as("configMap, emptyDir and a projected token").isTrue();
    assertThat(loap.started()).isTrue();
    assertThat(loap.waitingReason()).isNull();
  }

  @Test
  void theJsonShapeIsTheDocumentedOneWithoutWatchTransitionsOffline() throws Exception {
    JsonNode json = FactSerde.mapper().readTree(StartupReport.json(analyse("loap-watch.json")));

    assertThat(json.propertyNames()).containsExactly("pods", "summary");
    assertThat(json.get("pods").get(0).propertyNames())
        .containsExactly(
            "namespace",
            "name",
            "uid",
            "workload",
            "created",
            "scheduled",
            "initialized",
            "running",
            "ready",
            "imagePullMs",
            "initMs",
            "stateless",
            "started",
            "waitingReason");
    assertThat(json.get("pods").get(0).get("waitingReason").isNull()).isTrue();
    assertThat(json.get("pods").get(0).get("created").asString()).isEqualTo("2026-11-25T17:57:04Z");
    assertThat(json.get("summary").get("count").asInt()).isEqualTo(1);
    JsonNode transitions = json.get("summary").get("transitions");
    assertThat(transitions.propertyNames())
        .as("no watch time offline: run_to_watch, schedule_to_watch and pod_startup have no end")
        .containsExactly(
            "create_to_schedule",
            "schedule_to_run",
            "create_to_run",
            "create_to_ready",
            "run_to_ready",
            "image_pull",
            "init");
    assertThat(transitions.get("create_to_run").propertyNames())
        .containsExactly("count", "p50_ms", "p90_ms", "p99_ms", "min_ms", "max_ms", "mean_ms");
    assertThat(transitions.get("create_to_run").get("p99_ms").asLong()).isEqualTo(4000);
    assertThat(transitions.get("create_to_ready").get("p50_ms").asLong()).isEqualTo(7000);
    assertThat(transitions.get("create_to_schedule").get("p50_ms").asLong()).isEqualTo(878);
  }

  @Test
  void theTableSummarisesStagesAndTransitions() {
    String table = StartupReport.table(analyse("loap-watch.json"));
    assertThat(table)
        .contains("create_to_ready")
        .contains("612ms")
        .contains("7.0s")
        .contains("1 pod(s)");
  }
}
