package dev.podlife.cli.analyze;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.podlife.events.FactSerde;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code podlife analyze --report audit} on captured pod objects. */
class AnalyzeAuditIT {
  @TempDir Path dir;

  private List<String> capture(String... resources) throws Exception {
    return AnalyzeCli.capture(
        dir, Arrays.stream(resources).map(r -> "audit/" + r + ".json").toArray(String[]::new));
  }

  @Test
  void auditsOnlyTheCapturedWorkloadsWithEvidenceAndFixes() throws Exception {
    List<String> args = new ArrayList<>(List.of("analyze", "--report", "audit", "-o", "json"));
    args.addAll(
        capture(
            "stubborn-1-1-running",
            "stubborn-1-2-terminating",
            "stubborn-1-3-killed",
            "api-1-running",
            "report-1-completed"));

    JsonNode report = FactSerde.mapper().readTree(AnalyzeCli.run(args));

    assertThat(List.copyOf(report.propertyNames()))
        .containsExactly("workloads", "byCheck", "notChecked");
    assertThat(
            StreamSupport.stream(report.get("workloads").spliterator(), false)
                .map(w -> w.get("workload").get("name").asString()))
        .containsExactly("api", "stubborn", "report");
    JsonNode grace = report.get("workloads").get(1).get("findings").get(0);
    assertThat(grace.get("check").asString()).isEqualTo("gracePeriodTooShort");
    assertThat(grace.get("evidence").get("deletedPods").asLong()).isEqualTo(1);
    assertThat(grace.get("evidence").get("killedAfterGrace").asLong()).isEqualTo(1);
    assertThat(grace.get("fix").asString()).contains("SIGTERM");
    // the API server's default policy File: the SIGKILLed run left an empty termination message
    JsonNode logTail = report.get("workloads").get(1).get("findings").get(1);
    assertThat(logTail.get("check").asString())
        .isEqualTo("terminationMessagePolicyNotFallbackToLogsOnError");
    assertThat(logTail.get("containers").get(0).asString()).isEqualTo("app");
    assertThat(logTail.get("evidence").get("terminationMessagePolicies").get("app").asString())
        .isEqualTo("File");
    assertThat(logTail.get("evidence").get("abnormalTerminationsWithEmptyMessage").asLong())
        .isEqualTo(1);
    assertThat(logTail.get("fix").asString()).contains("FallbackToLogsOnError");
    assertThat(
            report.get("byCheck").get("terminationMessagePolicyNotFallbackToLogsOnError").asLong())
        .isEqualTo(3);
    assertThat(report.get("notChecked")).isEmpty();
  }

  @Test
  void theTableEndsWithTheFixes() throws Exception {
    List<String> args = new ArrayList<>(List.of("analyze", "--report", "audit"));
    args.addAll(capture("worker-1-running"));

    String table = AnalyzeCli.run(args);

    assertThat(table)
        .contains(
            "Deployment/worker",
            "missingLivenessProbe",
            "missingReadinessProbe",
            "terminationMessagePolicyNotFallbackToLogsOnError",
            "Fixes:",
            "FallbackToLogsOnError so the last log lines");
    assertThat(table).doesNotContain("Not checked");
  }
}
