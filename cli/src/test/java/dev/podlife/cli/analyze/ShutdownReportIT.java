package dev.podlife.cli.analyze;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.events.FactSerde;
import dev.podlife.testing.KubeJson;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code podlife analyze --report shutdown} on recorded watch streams, through the same steps the
 * command takes.
 */
@ExtendWith(PostgresExtension.class)
class ShutdownReportIT {
  private static final String CLUSTER = "incident";
  private static final List<String> RECORDINGS =
      List.of(
          "clean",
          "killed-after-grace",
          "oom-and-errors",
          "node-lost",
          "second-delete",
          "evicted",
          "loap-scale-to-zero",
          "restarted-before-deletion");

  private static ShutdownReport.Report report;

  @BeforeAll
  static void analyseTheRecordings(TestDatabase db) throws IOException {
    Path dir = Files.createTempDirectory("podlife-shutdown");
    List<String> files = new ArrayList<>();
    for (String name : RECORDINGS) {
      Path file = dir.resolve(name + ".json");
      Files.writeString(file, KubeJson.resource("shutdown/" + name + ".json"));
      files.add(file.toString());
    }
    Capture capture = CaptureReader.read(files, new ByteArrayInputStream(new byte[0]));
    AnalyzeCli.store(db.jdbi(), Clock.systemUTC(), CLUSTER, capture);
    report = ShutdownReport.report(db.jdbi(), CLUSTER, AnalyzeCli.podUids(capture));
  }

  @Test
  void theJsonHasExactlyTheDocumentedShape() {
    JsonNode json = FactSerde.mapper().readTree(ShutdownReport.json(report));
    assertThat(json.propertyNames()).containsExactly("pods", "summary");
    JsonNode pod = json.get("pods").get(0);
    assertThat(pod.propertyNames())
        .containsExactly(
            "namespace",
            "name",
            "uid",
            "deletionRequested",
            "gracePeriodSeconds",
            "cause",
            "containers");
    assertThat(pod.get("containers").get(0).propertyNames())
        .containsExactly(
            "name",
            "exitCode",
            "reason",
            "finishedAt",
            "secondsToExit",
            "outcome",
            "preStopConfigured",
            "preStopFailed");
    assertThat(json.get("summary").propertyNames()).containsExactly("outcomes");
    assertThat(json.get("summary").get("outcomes").propertyNames())
        .containsExactly("clean", "killed_after_grace", "oom_killed", "error_exit", "unknown");
  }

  @Test
  void everyRecordedShutdownIsReportedWithItsOutcome() {
    assertThat(report.pods()).hasSize(RECORDINGS.size());
    assertThat(report.summary().outcomes())
        .containsEntry("clean", 6L)
        .containsEntry("killed_after_grace", 2L)
        .containsEntry("oom_killed", 1L)
        .containsEntry("error_exit", 2L)
        .containsEntry("unknown", 2L);
    // loap's deletion was requested first (03:00:11), so it leads
    ShutdownReport.Pod loap = report.pods().getFirst();
    assertThat(loap.name()).isEqualTo("loap-6b8f9d7c5d-x2k4m");
    assertThat(loap.deletionRequested()).isEqualTo("2026-11-25T03:00:11Z");
    assertThat(loap.containers())
        .containsExactly(
            new ShutdownReport.Container(
                "loap", 143, "Error", "2026-11-25T03:00:13Z", 2.0, "clean", true, false, 0.0));
  }

  @Test
  void theTableEndsWithTheOutcomeCounts() {
    String table = ShutdownReport.table(report);
    assertThat(table.lines().findFirst().orElseThrow()).startsWith("NAMESPACE").contains("OUTCOME");
    String checkout =
        table
            .lines()
            .filter(line -> line.contains("checkout-7f8b9c6d5-q4w7e"))
            .findFirst()
            .orElseThrow();
    assertThat(checkout.split(" +"))
        .containsExactly(
            "shop",
            "checkout-7f8b9c6d5-q4w7e",
            "api_deletion",
            "30s",
            "checkout",
            "failed",
            "+0.0s",
            "137",
            "Error",
            "+32.0s",
            "killed_after_grace");
    assertThat(table.strip().lines().toList().getLast())
        .isEqualTo(
            "containers by outcome: clean 6, killed_after_grace 2, oom_killed 1, error_exit 2,"
                + " unknown 2");
  }
}
