package dev.podlife.cli.analyze;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.podlife.analyzer.shutdown.Shutdown;
import dev.podlife.analyzer.shutdown.ShutdownContainer;
import dev.podlife.analyzer.shutdown.Shutdowns;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code shutdown} report: each captured pod whose deletion was requested, how each of its
 * containers stopped, and the containers counted by outcome, read through the analyzer's {@link
 * Shutdowns}. The JSON shape is a contract: keep it stable.
 */
final class ShutdownReport {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final List<String> OUTCOMES =
      List.of("clean", "killed_after_grace", "oom_killed", "error_exit", "unknown");

  private ShutdownReport() {}

  @JsonPropertyOrder({"pods", "summary"})
  record Report(List<Pod> pods, Summary summary) {}

  /**
   * {@code deletionRequested}: the first delete request's acceptance time (deletionTimestamp −
   * grace).
   */
  @JsonPropertyOrder({
    "namespace",
    "name",
    "uid",
    "deletionRequested",
    "gracePeriodSeconds",
    "cause",
    "containers"
  })
  record Pod(
      String namespace,
      String name,
      String uid,
      String deletionRequested,
      Long gracePeriodSeconds,
      String cause,
      List<Container> containers) {}

  /**
   * {@code outcome} is null while the container is still stopping (the capture ends before it
   * exits). {@code secondsToKilling} (deletion requested → the kubelet's Killing Event) shows in
   * the table only: the JSON shape is a contract.
   */
  @JsonPropertyOrder({
    "name",
    "exitCode",
    "reason",
    "finishedAt",
    "secondsToExit",
    "outcome",
    "preStopConfigured",
    "preStopFailed"
  })
  record Container(
      String name,
      Integer exitCode,
      String reason,
      String finishedAt,
      Double secondsToExit,
      String outcome,
      Boolean preStopConfigured,
      boolean preStopFailed,
      @JsonIgnore Double secondsToKilling) {}

  record Summary(Map<String, Long> outcomes) {}

  static Report report(Jdbi jdbi, String cluster, Collection<String> uids) {
    Shutdowns shutdowns = new Shutdowns(jdbi);
    List<Shutdown> stored = shutdowns.ofPods(cluster, uids);
    Map<String, Instant> requestedAt = new HashMap<>();
    stored.forEach(s -> requestedAt.put(s.podUid(), s.deletionRequestedAt()));
    Map<String, List<Container>> containers = new LinkedHashMap<>();
    Map<String, Long> outcomes = new LinkedHashMap<>();
    OUTCOMES.forEach(outcome -> outcomes.put(outcome, 0L));
    for (ShutdownContainer c : shutdowns.containersOfPods(cluster, uids)) {
      Instant requested = requestedAt.get(c.podUid());
      Double secondsToKilling =
          c.killingAt() == null || requested == null
              ? null
              : Duration.between(requested, c.killingAt()).toMillis() / 1000.0;
      containers
          .computeIfAbsent(c.podUid(), k -> new ArrayList<>())
          .add(
              new Container(
                  c.container(),
                  c.exitCode(),
                  c.reason(),
                  c.finishedAt() == null ? null : c.finishedAt().toString(),
                  c.secondsToExitMs() == null ? null : c.secondsToExitMs() / 1000.0,
                  c.outcome(),
                  c.prestopConfigured(),
                  c.prestopFailed(),
                  secondsToKilling));
      if (c.outcome() != null) {
        outcomes.merge(c.outcome(), 1L, Long::sum);
      }
    }
    List<Pod> pods =
        stored.stream()
            .map(
                s ->
                    new Pod(
                        s.namespace(),
                        s.podName(),
                        s.podUid(),
                        s.deletionRequestedAt().toString(),
                        s.gracePeriodSeconds(),
                        s.cause(),
                        List.copyOf(containers.getOrDefault(s.podUid(), List.of()))))
            .toList();
    return new Report(pods, new Summary(outcomes));
  }

  static String json(Report report) {
    return JSON.writeValueAsString(report);
  }

  /**
   * One line per container that was running when its pod's deletion was requested — KILLING and
   * TO-EXIT in seconds after the request — then the outcome counts.
   */
  static String table(Report report) {
    List<String[]> lines = new ArrayList<>();
    lines.add(
        new String[] {
          "NAMESPACE",
          "POD",
          "CAUSE",
          "GRACE",
          "CONTAINER",
          "PRESTOP",
          "KILLING",
          "EXIT",
          "REASON",
          "TO-EXIT",
          "OUTCOME"
        });
    for (Pod pod : report.pods()) {
      for (Container c : pod.containers()) {
        lines.add(
            new String[] {
              pod.namespace(),
              pod.name(),
              pod.cause(),
              pod.gracePeriodSeconds() == null ? "?" : pod.gracePeriodSeconds() + "s",
              c.name(),
              preStop(c),
              seconds(c.secondsToKilling()),
              c.exitCode() == null ? "-" : c.exitCode().toString(),
              c.reason() == null ? "-" : c.reason(),
              seconds(c.secondsToExit()),
              c.outcome() == null ? "stopping" : c.outcome()
            });
      }
    }
    StringBuilder out = new StringBuilder(TextTable.align(lines));
    out.append('\n');
    List<String> counts = new ArrayList<>();
    report.summary().outcomes().forEach((outcome, n) -> counts.add(outcome + " " + n));
    out.append("containers by outcome: ").append(String.join(", ", counts)).append('\n');
    return out.toString();
  }

  /** Seconds after the deletion was requested, e.g. {@code +7.0s}. */
  private static String seconds(Double seconds) {
    return seconds == null ? "-" : String.format(Locale.ROOT, "+%.1fs", seconds);
  }

  private static String preStop(Container c) {
    if (c.preStopConfigured() == null) {
      return "?";
    }
    if (!c.preStopConfigured()) {
      return "-";
    }
    return c.preStopFailed() ? "failed" : "yes";
  }
}
