package dev.podlife.cli.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podlife.cli.PodlifeCommand;
import dev.podlife.events.FactSerde;
import dev.podlife.testing.KubeJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code podlife analyze --report audit} on captured pod objects. */
class AnalyzeAuditIT {
  @TempDir Path dir;

  private List<String> capture(String... resources) throws Exception {
    List<String> files = new ArrayList<>();
    for (String resource : resources) {
      Path file = dir.resolve(resource.replace('/', '_'));
      Files.writeString(file, KubeJson.resource("audit/" + resource + ".json"));
      files.add(file.toString());
    }
    return files;
  }

  private static String run(List<String> args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(PodlifeCommand.execute(args.toArray(String[]::new))).isZero();
    } finally {
      System.setOut(original);
    }
    // the test classpath's logback writes to System.out too: keep only what the command printed
    return out.toString(StandardCharsets.UTF_8)
        .lines()
        .filter(line -> !line.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*"))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  @Test
  void auditsOnlyTheCapturedWorkloadsWithEvidenceAndFixes() throws Exception {
    List<String> args = new ArrayList<>(List.of("analyze", "--report", "audit", "-o", "json"));
    args.addAll(
        capture(
            "stubborn-1-1-running", "stubborn-1-2-terminating", "stubborn-1-3-killed", "api-1-running",
            "report-1-completed"));

    JsonNode report = FactSerde.mapper().readTree(run(args));

    assertThat(List.copyOf(report.propertyNames())).containsExactly("workloads", "byCheck", "notChecked");
    assertThat(StreamSupport.stream(report.get("workloads").spliterator(), false).map(w -> w.get("workload").get("name").asString()))
        .containsExactly("api", "stubborn", "report");
    JsonNode grace = report.get("workloads").get(1).get("findings").get(0);
    assertThat(grace.get("check").asString()).isEqualTo("gracePeriodTooShort");
    assertThat(grace.get("evidence").get("deletedPods").asLong()).isEqualTo(1);
    assertThat(grace.get("evidence").get("killedAfterGrace").asLong()).isEqualTo(1);
    assertThat(grace.get("fix").asString()).contains("SIGTERM");
    // the API server's default policy File: the SIGKILLed run left an empty termination message
    JsonNode logTail = report.get("workloads").get(1).get("findings").get(1);
    assertThat(logTail.get("check").asString()).isEqualTo("terminationMessagePolicyNotFallbackToLogsOnError");
    assertThat(logTail.get("containers").get(0).asString()).isEqualTo("app");
    assertThat(logTail.get("evidence").get("terminationMessagePolicies").get("app").asString()).isEqualTo("File");
    assertThat(logTail.get("evidence").get("abnormalTerminationsWithEmptyMessage").asLong()).isEqualTo(1);
    assertThat(logTail.get("fix").asString()).contains("FallbackToLogsOnError");
    assertThat(report.get("byCheck").get("terminationMessagePolicyNotFallbackToLogsOnError").asLong()).isEqualTo(3);
    assertThat(report.get("notChecked")).isEmpty();
  }

  @Test
  void theTableEndsWithTheFixes() throws Exception {
    List<String> args = new ArrayList<>(List.of("analyze", "--report", "audit"));
    args.addAll(capture("worker-1-running"));

    String table = run(args);

    assertThat(table)
        .contains(
            "Deployment/worker", "missingLivenessProbe", "missingReadinessProbe",
            "terminationMessagePolicyNotFallbackToLogsOnError", "Fixes:", "FallbackToLogsOnError so the last log lines");
    assertThat(table).doesNotContain("Not checked");
  }
}
