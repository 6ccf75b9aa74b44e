package dev.podlife.api.probes;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Jdbi;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import dev.podlife.analyzer.probes.ProbeFilter;
import dev.podlife.analyzer.probes.ProbesReport;
import dev.podlife.api.reports.ReportRequest;
import dev.podlife.api.reports.Tabular;

/**
 * {@code GET /api/v1/reports/probes}: probe failures, restarts by cause and readiness, as JSON or
 * CSV.
 */
public final class ProbeRoutes {
  public static final String PROBES = "/api/v1/reports/probes";
  public static final List<String> GROUPINGS = List.of("container", "workload", "namespace");
  public static final Set<String> PARAMETERS = ReportRequest.PARAMETERS;

  private final ProbesReport report;
  private final Clock clock;

  public ProbeRoutes(Jdbi jdbi, Clock clock) {
    this.report = new ProbesReport(jdbi);
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get(PROBES, this::probes);
  }

  /** The JSON body: the rows of the grouping asked for and the summary over all of them. */
  public record Page(
      String groupBy, Instant from, Instant to, List<?> items, ProbesReport.Group summary) {}

  private void probes(Context ctx) {
    ReportRequest request = ReportRequest.from(ctx.queryParamMap(), GROUPINGS, Set.of());
    Instant now = clock.instant();
    ProbeFilter filter =
        new ProbeFilter(
            request.cluster(),
            request.namespace(),
            request.workloadKind(),
            request.workloadName(),
            null,
            request.from(),
            request.to(),
            now);
    ProbesReport.Group summary = report.summary(filter);
    if (request.groupBy().equals("container")) {
      List<ProbesReport.Container> items = report.containers(filter);
      Tabular.respond(
          ctx,
          new Page(request.groupBy(), request.from(), request.to(), items, summary),
          CONTAINER_HEADER,
          items.stream().map(ProbeRoutes::csv).toList());
      return;
    }
    ProbesReport.Grouping grouping =
        request.groupBy().equals("workload")
            ? ProbesReport.Grouping.WORKLOAD
            : ProbesReport.Grouping.NAMESPACE;
    List<ProbesReport.Group> items = report.groups(filter, grouping);
    Tabular.respond(
        ctx,
        new Page(request.groupBy(), request.from(), request.to(), items, summary),
        GROUP_HEADER,
        items.stream().map(ProbeRoutes::csv).toList());
  }

  static final List<String> CONTAINER_HEADER =
      List.of(
          "cluster",
          "namespace",
          "pod",
          "uid",
          "workloadKind",
          "workloadName",
          "container",
          "kind",
          "livenessFailures",
          "readinessFailures",
          "startupFailures",
          "restarts",
          "livenessRestarts",
          "startupProbeRestarts",
          "unobservedRestarts",
          "restartsByReason",
          "readinessFlaps",
          "notReadySeconds",
          "firstFailureAfterStartSeconds",
          "livenessProbe",
          "readinessProbe",
          "startupProbe");

  static final List<String> GROUP_HEADER =
      List.of(
          "cluster",
          "namespace",
          "workloadKind",
          "workloadName",
          "pods",
          "containers",
          "livenessFailures",
          "readinessFailures",
          "startupFailures",
          "restarts",
          "livenessRestarts",
          "startupProbeRestarts",
          "unobservedRestarts",
          "restartsByReason",
          "readinessFlaps",
          "notReadySeconds",
          "podReadyFlaps",
          "containersReadyFlaps",
          "podNotReadySeconds");

  private static List<Object> csv(ProbesReport.Container c) {
    List<Object> row = new ArrayList<>();
    row.add(c.cluster());
    row.add(c.namespace());
    row.add(c.pod());
    row.add(c.uid());
    row.add(c.workload() == null ? null : c.workload().kind());
    row.add(c.workload() == null ? null : c.workload().name());
    row.add(c.container());
    row.add(c.kind());
    row.add(c.livenessFailures());
    row.add(c.readinessFailures());
    row.add(c.startupFailures());
    row.add(c.restarts());
    row.add(c.livenessRestarts());
    row.add(c.startupProbeRestarts());
    row.add(c.unobservedRestarts());
    row.add(reasons(c.restartsByReason()));
    row.add(c.readinessFlaps());
    row.add(c.notReadySeconds());
    row.add(c.firstFailureAfterStartSeconds());
    row.add(c.probes().liveness() == null ? null : c.probes().liveness().compact());
    row.add(c.probes().readiness() == null ? null : c.probes().readiness().compact());
    row.add(c.probes().startup() == null ? null : c.probes().startup().compact());
    return row;
  }

  private static List<Object> csv(ProbesReport.Group g) {
    List<Object> row = new ArrayList<>();
    row.add(g.cluster());
    row.add(g.namespace());
    row.add(g.workload() == null ? null : g.workload().kind());
    row.add(g.workload() == null ? null : g.workload().name());
    row.add(g.pods());
    row.add(g.containers());
    row.add(g.livenessFailures());
    row.add(g.readinessFailures());
    row.add(g.startupFailures());
    row.add(g.restarts());
    row.add(g.livenessRestarts());
    row.add(g.startupProbeRestarts());
    row.add(g.unobservedRestarts());
    row.add(reasons(g.restartsByReason()));
    row.add(g.readinessFlaps());
    row.add(g.notReadySeconds());
    row.add(g.podReadyFlaps());
    row.add(g.containersReadyFlaps());
    row.add(g.podNotReadySeconds());
    return row;
  }

  /** {@code OOMKilled=2 Error=1}: one cell. */
  private static String reasons(Map<String, Long> byReason) {
    return byReason.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }
}
