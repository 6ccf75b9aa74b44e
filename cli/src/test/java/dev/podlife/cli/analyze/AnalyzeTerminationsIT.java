package dev.podlife.cli.analyze;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.podlife.events.FactSerde;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code podlife analyze --report terminations} on captured pod objects, through the whole offline
 * pipeline.
 */
class AnalyzeTerminationsIT {
  @TempDir Path dir;

  @Test
  void printsEachDistinctTerminationOnceInTheContractShapeWithACountPerReason() throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("analyze", "--report", "terminations", "-o", "json", "--cluster", "c1"));
    args.addAll(
        AnalyzeCli.capture(
            dir,
            "terminations/web-1-running.json",
            "terminations/web-2-oom-killed.json",
            "terminations/web-3-crash-loop.json",
            "terminations/web-4-running-again.json",
            "terminations/web-5-segfault-between-observations.json",
            "terminations/start-error.json",
            "terminations/stopped-cleanly-on-delete.json"));

    JsonNode report = FactSerde.mapper().readTree(AnalyzeCli.run(args));

    JsonNode terminations = report.get("terminations");
    assertThat(
            StreamSupport.stream(terminations.spliterator(), false)
                .map(t -> t.get("reason").asString()))
        .containsExactly("StartError", "OOMKilled", "Error");
    JsonNode oom = terminations.get(1);
    assertThat(iterable(oom.propertyNames()))
        .containsExactly(
            "namespace",
            "pod",
            "uid",
            "container",
            "init",
            "reason",
            "exitCode",
            "signal",
            "startedAt",
            "finishedAt",
            "message",
            "restartCount",
            "disruption",
            "oomUncertain");
    assertThat(oom.get("namespace").asString()).isEqualTo("shop");
    assertThat(oom.get("pod").asString()).isEqualTo("web-6d4b9c7f8-k2x9q");
    assertThat(oom.get("uid").asString()).isEqualTo("4d1f0e2a-7b3c-4e5d-9f60-0000000000a1");
    assertThat(oom.get("container").asString()).isEqualTo("app");
    assertThat(oom.get("init").asBoolean()).isFalse();
    assertThat(oom.get("exitCode").asInt()).isEqualTo(137);
    assertThat(oom.get("signal").asString()).isEqualTo("SIGKILL");
    assertThat(oom.get("startedAt").asString()).isEqualTo("2026-11-20T10:00:06Z");
    assertThat(oom.get("finishedAt").asString()).isEqualTo("2026-11-20T10:02:10Z");
    assertThat(oom.get("message").asString()).isEqualTo("heap exhausted while loading catalog");
    assertThat(oom.get("restartCount").asInt()).isZero();
    assertThat(oom.get("disruption").isNull()).isTrue();
    assertThat(oom.get("oomUncertain").asBoolean()).isFalse();
    assertThat(terminations.get(2).get("signal").asString()).isEqualTo("SIGSEGV");
    // a run that never started has no start, not 1970
    assertThat(terminations.get(0).get("startedAt").isNull()).isTrue();
    assertThat(iterable(report.propertyNames())).containsExactly("terminations", "summary");
    assertThat(report.get("summary").get("byReason").toString())
        .isEqualTo("{\"Error\":1,\"OOMKilled\":1,\"StartError\":1}");
  }

  @Test
  void theTableListsTerminationsAndSumsThemUp() throws Exception {
    List<String> args = new ArrayList<>(List.of("analyze", "--report", "terminations"));
    args.addAll(
        AnalyzeCli.capture(
            dir, "terminations/web-2-oom-killed.json", "terminations/deadline-exceeded.json"));

    String table = AnalyzeCli.run(args);

    assertThat(table.lines().findFirst().orElseThrow())
        .startsWith("FINISHED")
        .contains("REASON", "EXIT", "SIGNAL", "MESSAGE");
    assertThat(table)
        .contains("OOMKilled", "heap exhausted while loading catalog", "<pod>", "DeadlineExceeded");
    assertThat(table.strip().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo("3 termination(s): DeadlineExceeded 1, Error 1, OOMKilled 1");
  }

  @Test
  void theTableTellsAPreemptionsSigtermFromAnOomKill() throws Exception {
    List<String> args = new ArrayList<>(List.of("analyze", "--report", "terminations"));
    args.addAll(
        AnalyzeCli.capture(dir, "terminations/preempted.json", "terminations/node-shutdown.json"));

    List<String> lines = AnalyzeCli.run(args).lines().toList();

    assertThat(lines.getFirst()).contains("SIGNAL", "DISRUPTION", "RESTARTS");
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).contains("batch-low-7c9d8f6b5-pr3em", "app", "preemption"))
        .anySatisfy(l -> assertThat(l).contains("OOMKilled").doesNotContain("node_shutdown"))
        .anySatisfy(l -> assertThat(l).contains("Error", "137", "SIGKILL", "node_shutdown"));
  }

  @Test
  void anOomKilledThatExitedOnSigtermAfterAnEarlierOomIsMarkedUncertain() throws Exception {
    List<String> args = new ArrayList<>(List.of("analyze", "--report", "terminations"));
    args.addAll(
        AnalyzeCli.capture(
            dir,
            "terminations/oom-1-restarted.json",
            "terminations/oom-2-sigterm-reported-oom.json"));

    String table = AnalyzeCli.run(args);

    assertThat(table.lines())
        .anySatisfy(l -> assertThat(l).contains("OOMKilled (uncertain)", "143", "SIGTERM"))
        .anySatisfy(l -> assertThat(l).contains("OOMKilled", "137").doesNotContain("uncertain"));
  }

  private static <T> List<T> iterable(java.util.Collection<T> values) {
    return List.copyOf(values);
  }
}
