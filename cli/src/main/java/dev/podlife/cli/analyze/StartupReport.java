package dev.podlife.cli.analyze;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.podlife.analyzer.startup.Grouping;
import dev.podlife.analyzer.startup.StartupFilter;
import dev.podlife.analyzer.startup.StartupReports;
import dev.podlife.analyzer.startup.Transition;
import dev.podlife.events.Workload;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code startup} report: each pod's first start and the statistics of every transition over
 * them, read through the analyzer's {@link StartupReports} as {@code GET /api/v1/reports/startup}
 * is. The JSON shape is a contract: keep it stable.
 */
final class StartupReport {
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .changeDefaultPropertyInclusion(
              incl -> incl.withValueInclusion(JsonInclude.Include.ALWAYS))
          .build();

  private StartupReport() {}

  @JsonPropertyOrder({"pods", "summary"})
  record Report(List<Pod> pods, Summary summary) {}

  /**
   * One pod; times in RFC 3339, {@code workload} null for a bare pod, {@code waitingReason} null
   * once started.
   */
  @JsonPropertyOrder({
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
    "waitingReason"
  })
  record Pod(
      String namespace,
      String name,
      String uid,
      Workload workload,
      Instant created,
      Instant scheduled,
      Instant initialized,
      Instant running,
      Instant ready,
      Long imagePullMs,
      Long initMs,
      Boolean stateless,
      boolean started,
      String waitingReason) {}

  /**
   * @param transitions only those some pod has both ends of, in report order
   */
  @JsonPropertyOrder({"count", "transitions"})
  record Summary(long count, Map<String, Transition> transitions) {}

  static Report of(Jdbi jdbi, String cluster, Collection<String> uids, Clock clock) {
    StartupReports reports = new StartupReports(jdbi, clock);
    StartupFilter filter =
        new StartupFilter(cluster, null, null, null, null, null, uids.toArray(String[]::new));
    List<Pod> pods =
        reports.pods(filter).stream()
            .map(
                p ->
                    new Pod(
                        p.namespace(),
                        p.name(),
                        p.uid(),
                        p.workload(),
                        p.created(),
                        p.scheduled(),
                        p.initialized(),
                        p.running(),
                        p.ready(),
                        p.imagePullMs(),
                        p.initMs(),
                        p.stateless(),
                        p.started(),
                        p.waitingReason()))
            .toList();
    Map<String, Transition> transitions = new LinkedHashMap<>();
    reports
        .report(filter, Grouping.CLUSTER)
        .groups()
        .forEach(g -> transitions.putAll(g.transitions()));
    return new Report(pods, new Summary(pods.size(), transitions));
  }

  static String json(Report report) {
    return JSON.writeValueAsString(report);
  }

  /** Each pod's stages in seconds, then each transition's statistics in milliseconds. */
  static String table(Report report) {
    List<String[]> pods = new ArrayList<>();
    pods.add(
        new String[] {
          "NAMESPACE", "NAME", "STARTED", "SCHEDULED", "INIT", "PULL", "RUNNING", "READY", "WAITING"
        });
    for (Pod p : report.pods()) {
      pods.add(
          new String[] {
            p.namespace(),
            p.name(),
            p.started() ? "yes" : "no",
            since(p.created(), p.scheduled()),
            ms(p.initMs()),
            ms(p.imagePullMs()),
            since(p.created(), p.running()),
            since(p.created(), p.ready()),
            p.waitingReason() == null ? "" : p.waitingReason()
          });
    }
    List<String[]> transitions = new ArrayList<>();
    transitions.add(
        new String[] {"TRANSITION", "COUNT", "P50", "P90", "P99", "MIN", "MAX", "MEAN"});
    report
        .summary()
        .transitions()
        .forEach(
            (name, t) ->
                transitions.add(
                    new String[] {
                      name,
                      Long.toString(t.count()),
                      ms(t.p50Ms()),
                      ms(t.p90Ms()),
                      ms(t.p99Ms()),
                      ms(t.minMs()),
                      ms(t.maxMs()),
                      ms(Math.round(t.meanMs()))
                    }));
    return TextTable.align(pods)
        + "\n"
        + report.summary().count()
        + " pod(s); times after creation; percentiles nearest-rank as clusterloader2\n\n"
        + TextTable.align(transitions);
  }

  private static String since(Instant created, Instant at) {
    return created == null || at == null ? "-" : ms(StartupReports.millis(created, at));
  }

  private static String ms(Long ms) {
    return ms == null
        ? "-"
        : ms < 1000 ? ms + "ms" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
  }
}
