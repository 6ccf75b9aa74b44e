package dev.podlife.api.shutdown;

import java.util.List;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import dev.podlife.analyzer.shutdown.ShutdownGrouping;
import dev.podlife.analyzer.shutdown.ShutdownScope;
import dev.podlife.analyzer.shutdown.Shutdowns;
import dev.podlife.api.reports.ReportRequest;
import dev.podlife.api.reports.Tabular;

/** {@code GET /api/v1/reports/shutdown}: graceful shutdown statistics, as JSON or CSV. */
public final class ShutdownRoutes {
  public static final String SHUTDOWN = "/api/v1/reports/shutdown";

  private final Shutdowns shutdowns;

  public ShutdownRoutes(Jdbi jdbi) {
    this.shutdowns = new Shutdowns(jdbi);
  }

  public void register(RoutesConfig routes) {
    routes.get(SHUTDOWN, this::report);
  }

  /** The query parameters the route accepts: the common report ones. */
  static Set<String> parameters() {
    return ReportRequest.PARAMETERS;
  }

  /** The {@code groupBy} values, the default first. */
  static List<String> groupings() {
    return ShutdownGrouping.labels();
  }

  private void report(Context ctx) {
    ReportRequest request = ReportRequest.from(ctx.queryParamMap(), groupings(), Set.of());
    ShutdownScope scope =
        new ShutdownScope(
            request.cluster(),
            request.namespace(),
            request.workloadKind(),
            request.workloadName(),
            request.from(),
            request.to(),
            // ReportRequest accepts only the labels of groupings()
            ShutdownGrouping.ofLabel(request.groupBy()).orElseThrow());
    List<ShutdownReport.Group> groups =
        shutdowns.report(scope).stream().map(ShutdownReport.Group::of).toList();
    ShutdownReport report =
        new ShutdownReport(request.from(), request.to(), request.groupBy(), groups);
    Tabular.respond(ctx, report, ShutdownReport.CSV_HEADER, report.csvRows());
  }
}
