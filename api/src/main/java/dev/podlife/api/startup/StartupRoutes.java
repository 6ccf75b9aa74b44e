package dev.podlife.api.startup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import dev.podlife.analyzer.startup.Grouping;
import dev.podlife.analyzer.startup.StartupFilter;
import dev.podlife.analyzer.startup.StartupReports;
import dev.podlife.api.problem.ProblemException;
import dev.podlife.api.problem.ProblemType;
import dev.podlife.api.query.QueryParameters;
import dev.podlife.api.reports.ReportRequest;
import dev.podlife.api.reports.Tabular;

/** Startup latency: the report per group, SLO compliance per cluster-day, and one pod's stages. */
public final class StartupRoutes {
  public static final String REPORT = "/api/v1/reports/startup";
  public static final String SLO = "/api/v1/reports/startup/slo";
  public static final String POD = "/api/v1/pods/{uid}/startup";

  static final Set<String> REPORT_PARAMETERS = ReportRequest.PARAMETERS;
  static final Set<String> SLO_PARAMETERS =
      union(ReportRequest.PARAMETERS, Set.of("thresholdMs", "worst"));
  static final Set<String> POD_PARAMETERS = Set.of("cluster");
  static final int DEFAULT_WORST = 5;
  static final int MAX_WORST = 100;

  static final List<String> CSV_HEADER =
      List.of(
          "cluster",
          "group",
          "transition",
          "count",
          "p50_ms",
          "p90_ms",
          "p99_ms",
          "min_ms",
          "max_ms",
          "mean_ms");

  private final StartupReports reports;

  public StartupRoutes(Jdbi jdbi, Clock clock) {
    this.reports = new StartupReports(jdbi, clock);
  }

  public void register(RoutesConfig routes) {
    routes.get(REPORT, this::report);
    routes.get(SLO, this::slo);
    routes.get(POD, this::pod);
  }

  private void report(Context ctx) {
    ReportRequest request =
        ReportRequest.from(ctx.queryParamMap(), Grouping.parameterValues(), Set.of());
    StartupReports.Report report = reports.report(filter(request), Grouping.of(request.groupBy()));
    List<List<Object>> rows = new ArrayList<>();
    for (StartupReports.Group group : report.groups()) {
      group
          .transitions()
          .forEach(
              (name, t) ->
                  rows.add(
                      List.of(
                          group.cluster(),
                          group.group(),
                          name,
                          t.count(),
                          t.p50Ms(),
                          t.p90Ms(),
                          t.p99Ms(),
                          t.minMs(),
                          t.maxMs(),
                          t.meanMs())));
    }
    Tabular.respond(ctx, report, CSV_HEADER, rows);
  }

  private void slo(Context ctx) {
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), SLO_PARAMETERS);
    ReportRequest request = ReportRequest.from(query, List.of("day"));
    long threshold =
        positive(query, "thresholdMs", StartupReports.DEFAULT_SLO_THRESHOLD_MS, Long.MAX_VALUE);
    int worst = (int) positive(query, "worst", DEFAULT_WORST, MAX_WORST);
    StartupReports.SloReport slo = reports.slo(filter(request), threshold, worst);
    List<List<Object>> rows = new ArrayList<>();
    for (StartupReports.SloDay day : slo.days()) {
      rows.add(
          List.of(
              day.cluster(),
              day.day(),
              day.pods(),
              day.p99Ms(),
              day.maxMs(),
              day.thresholdMs(),
              day.pass()));
    }
    Tabular.respond(
        ctx,
        slo,
        List.of("cluster", "day", "pods", "p99_ms", "max_ms", "threshold_ms", "pass"),
        rows);
  }

  private void pod(Context ctx) {
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), POD_PARAMETERS);
    String uid = ctx.pathParam("uid");
    String cluster = query.optional("cluster").orElse(null);
    if (cluster == null) {
      List<String> clusters = reports.clustersOf(uid);
      if (clusters.size() > 1) {
        throw new ProblemException(
            ProblemType.AMBIGUOUS_POD,
            "Pod UID "
                + uid
                + " is known in "
                + clusters.size()
                + " clusters ("
                + String.join(", ", clusters)
                + "); add ?cluster= to choose one",
            Map.of("clusters", clusters));
      }
      cluster = clusters.isEmpty() ? null : clusters.getFirst();
    }
    String inCluster = cluster;
    StartupReports.PodStartup pod =
        (cluster == null
                ? java.util.Optional.<StartupReports.PodStartup>empty()
                : reports.pod(cluster, uid))
            .orElseThrow(
                () ->
                    new ProblemException(
                        ProblemType.NOT_FOUND,
                        "No startup known for pod UID "
                            + uid
                            + (inCluster == null ? "" : " in cluster " + inCluster)));
    ctx.jsonStream(pod);
  }

  private static StartupFilter filter(ReportRequest r) {
    return new StartupFilter(
        r.cluster(), r.namespace(), r.workloadKind(), r.workloadName(), r.from(), r.to(), null);
  }

  private static long positive(QueryParameters query, String name, long defaultValue, long max) {
    return query
        .optional(name)
        .map(
            value -> {
              long parsed;
              try {
                parsed = Long.parseLong(value);
              } catch (NumberFormatException e) {
                throw ProblemException.invalidParameter(
                    name,
                    "Query parameter '"
                        + name
                        + "' must be a positive integer, not '"
                        + value
                        + "'");
              }
              if (parsed < 1 || parsed > max) {
                throw ProblemException.invalidParameter(
                    name,
                    "Query parameter '" + name + "' must be from 1 to " + max + ", not " + parsed);
              }
              return parsed;
            })
        .orElse(defaultValue);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
