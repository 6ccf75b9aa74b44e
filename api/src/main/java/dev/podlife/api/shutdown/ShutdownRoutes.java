package dev.podlife.api.shutdown;

import dev.podlife.api.reports.ReportRequest;
import dev.podlife.api.reports.Tabular;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** {@code GET /api/v1/reports/shutdown}: graceful shutdown statistics, as JSON or CSV. */
public final class ShutdownRoutes {
  public static final String SHUTDOWN = "/api/v1/reports/shutdown";

  private final Jdbi jdbi;

  public ShutdownRoutes(Jdbi jdbi) {
    this.jdbi = jdbi;
    jdbi.installPlugin(new SqlObjectPlugin());
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
    return ShutdownScope.GROUPINGS;
  }

  private void report(Context ctx) {
    ReportRequest request = ReportRequest.from(ctx.queryParamMap(), ShutdownScope.GROUPINGS, Set.of());
    ShutdownScope scope = new ShutdownScope(request);
    List<ShutdownReport.Group> groups =
        jdbi
            .withExtension(
                ShutdownQueries.class,
                q -> q.groups(scope.whereClause(), scope.keyColumns(), scope.groupColumns(), scope))
            .stream()
            .map(ShutdownReport.Group::of)
            .toList();
    ShutdownReport report = new ShutdownReport(request.from(), request.to(), request.groupBy(), groups);
    Tabular.respond(ctx, report, ShutdownReport.CSV_HEADER, report.csvRows());
  }
}
