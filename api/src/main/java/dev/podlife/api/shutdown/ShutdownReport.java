package dev.podlife.api.shutdown;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.podlife.analyzer.shutdown.ShutdownGroup;
import dev.podlife.events.Workload;

/**
 * The answer of {@code GET /api/v1/reports/shutdown}: one entry per group, each with its containers
 * counted by outcome and nearest-rank percentiles of the time to exit and of the share of the grace
 * period used.
 */
public record ShutdownReport(Instant from, Instant to, String groupBy, List<Group> groups) {

  /** Column names of the CSV form, one line per group. */
  static final List<String> CSV_HEADER =
      List.of(
          "cluster",
          "namespace",
          "workload",
          "pods",
          "containers",
          "clean",
          "killed_after_grace",
          "oom_killed",
          "error_exit",
          "unknown",
          "stopping",
          "prestop_configured",
          "prestop_failed",
          "killed_after_grace_percent",
          "seconds_to_exit_p50",
          "seconds_to_exit_p90",
          "seconds_to_exit_p99",
          "grace_used_p50",
          "grace_used_p90",
          "grace_used_p99",
          "grace_period_seconds_min",
          "grace_period_seconds_max",
          "pod_gone_seconds_p50",
          "pod_gone_seconds_p90",
          "pod_gone_seconds_p99",
          "recommendation");

  /** p50/p90/p99 by nearest rank; null when the group has no value to rank. */
  public record Percentiles(Double p50, Double p90, Double p99) {
    static Percentiles ofMillis(Long p50, Long p90, Long p99) {
      return new Percentiles(seconds(p50), seconds(p90), seconds(p99));
    }
  }

  /** The smallest and largest effective grace period of the group's pods. */
  public record GraceRange(Long min, Long max) {}

  /**
   * @param workload null for a bare pod, or when not grouped by workload
   * @param outcomes containers by outcome; containers still stopping are counted in {@code
   *     stopping} instead
   * @param killedAfterGracePercent killed_after_grace among the containers with an outcome
   * @param podGoneSeconds deletion requested → the DELETED watch event, from the live pipeline only
   * @param recommendation what to change, where the figures make it clear; null otherwise
   */
  public record Group(
      String cluster,
      String namespace,
      Workload workload,
      long pods,
      long containers,
      Map<String, Long> outcomes,
      long stopping,
      long preStopConfigured,
      long preStopFailed,
      long killedAfterGrace,
      Double killedAfterGracePercent,
      Percentiles secondsToExit,
      Percentiles graceUsed,
      GraceRange gracePeriodSeconds,
      Percentiles podGoneSeconds,
      String recommendation) {

    static Group of(ShutdownGroup row) {
      Map<String, Long> outcomes = new LinkedHashMap<>();
      outcomes.put("clean", row.clean());
      outcomes.put("killed_after_grace", row.killedAfterGrace());
      outcomes.put("oom_killed", row.oomKilled());
      outcomes.put("error_exit", row.errorExit());
      outcomes.put("unknown", row.unknown());
      long decided = row.containers() - row.stopping();
      Double killedPercent =
          decided == 0 ? null : Math.round(row.killedAfterGrace() * 1000.0 / decided) / 10.0;
      Workload workload =
          row.workloadKind() == null || row.workloadKind().isEmpty()
              ? null
              : new Workload(row.workloadKind(), row.workloadName());
      Percentiles toExit = Percentiles.ofMillis(row.exitP50Ms(), row.exitP90Ms(), row.exitP99Ms());
      Percentiles graceUsed =
          new Percentiles(row.graceUsedP50(), row.graceUsedP90(), row.graceUsedP99());
      GraceRange grace = new GraceRange(row.graceMinSeconds(), row.graceMaxSeconds());
      return new Group(
          row.cluster(),
          row.namespace(),
          workload,
          row.pods(),
          row.containers(),
          outcomes,
          row.stopping(),
          row.preStopConfigured(),
          row.preStopFailed(),
          row.killedAfterGrace(),
          killedPercent,
          toExit,
          graceUsed,
          grace,
          Percentiles.ofMillis(row.podGoneP50Ms(), row.podGoneP90Ms(), row.podGoneP99Ms()),
          advice(row, killedPercent, toExit, graceUsed, grace));
    }

    private static void addAll(List<Object> cells, Percentiles percentiles) {
      cells.add(percentiles.p50());
      cells.add(percentiles.p90());
      cells.add(percentiles.p99());
    }

    List<Object> csvRow() {
      List<Object> cells = new ArrayList<>();
      cells.add(cluster);
      cells.add(namespace);
      cells.add(workload == null ? null : workload.toString());
      cells.add(pods);
      cells.add(containers);
      cells.addAll(outcomes.values());
      cells.add(stopping);
      cells.add(preStopConfigured);
      cells.add(preStopFailed);
      cells.add(killedAfterGracePercent);
      addAll(cells, secondsToExit);
      addAll(cells, graceUsed);
      cells.add(gracePeriodSeconds.min());
      cells.add(gracePeriodSeconds.max());
      addAll(cells, podGoneSeconds);
      cells.add(recommendation);
      return cells;
    }
  }

  List<List<Object>> csvRows() {
    return groups.stream().map(Group::csvRow).toList();
  }

  /**
   * Advice only where the figures are clear: containers SIGKILLed after the grace period, a p99
   * within 20 % of it, failing preStop hooks, OOM kills while stopping.
   */
  static String advice(
      ShutdownGroup row,
      Double killedPercent,
      Percentiles toExit,
      Percentiles graceUsed,
      GraceRange grace) {
    List<String> advice = new ArrayList<>();
    String p99 =
        toExit.p99() == null
            ? null
            : "p99 time-to-exit " + decimal(toExit.p99()) + " s of " + grace(grace);
    if (row.killedAfterGrace() > 0) {
      advice.add(
          (p99 == null ? "" : p99 + ": ")
              + decimal(killedPercent)
              + " % SIGKILLed — raise the grace period or make"
              + " the app exit on SIGTERM");
    } else if (p99 != null && graceUsed.p99() != null && graceUsed.p99() >= 0.8) {
      advice.add(
          p99
              + " ("
              + Math.round(graceUsed.p99() * 100)
              + " %): close to SIGKILL — raise the grace period or"
              + " shorten the preStop hook and drain");
    }
    if (row.preStopFailed() > 0) {
      advice.add(
          row.preStopFailed()
              + " failed preStop hook(s) — fix the hook or keep it well within the grace period");
    }
    if (row.oomKilled() > 0) {
      advice.add(
          row.oomKilled()
              + " container(s) OOMKilled while stopping — the shutdown path needs more memory");
    }
    return advice.isEmpty() ? null : String.join("; ", advice);
  }

  private static String grace(GraceRange grace) {
    if (grace.min() == null) {
      return "an unknown grace";
    }
    return grace.min().equals(grace.max())
        ? grace.min() + " s grace"
        : grace.min() + "–" + grace.max() + " s grace";
  }

  private static String decimal(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static Double seconds(Long millis) {
    return millis == null ? null : millis / 1000.0;
  }
}
