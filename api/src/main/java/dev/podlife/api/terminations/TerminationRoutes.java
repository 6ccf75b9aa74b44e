package dev.podlife.api.terminations;

import dev.podlife.analyzer.query.KeysetCursor;
import dev.podlife.api.query.CursorToken;
import dev.podlife.api.query.KeysetPage;
import dev.podlife.api.query.QueryParameters;
import dev.podlife.api.query.TimeWindow;
import dev.podlife.api.reports.ReportRequest;
import dev.podlife.api.reports.Tabular;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The termination routes: the listing of abnormal terminations, of CrashLoopBackOff episodes, and the report. */
public final class TerminationRoutes {
  public static final String TERMINATIONS = "/api/v1/terminations";
  public static final String CRASH_LOOPS = "/api/v1/crash-loops";
  public static final String REPORT = "/api/v1/reports/terminations";

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  static final Set<String> LIST_PARAMETERS =
      Set.of("cluster", "namespace", "workload", "node", "reason", "from", "to", "limit", "cursor");
  static final Set<String> CRASH_LOOP_PARAMETERS =
      Set.of("cluster", "namespace", "workload", "node", "from", "to", "limit", "cursor");
  static final Set<String> REPORT_EXTRA = Set.of("node", "reason");

  /** groupBy → its SQL expression over {@code termination}; the first is the default. */
  static final Map<String, String> GROUPINGS = new LinkedHashMap<>();

  static {
    GROUPINGS.put("reason", "reason");
    GROUPINGS.put("workload", "CASE WHEN workload_kind IS NULL THEN NULL ELSE workload_kind || '/' || workload_name END");
    GROUPINGS.put("node", "node");
    GROUPINGS.put("namespace", "namespace");
    GROUPINGS.put("day", "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD')");
  }

  private final Jdbi jdbi;

  public TerminationRoutes(Jdbi jdbi) {
    this.jdbi = jdbi;
    jdbi.installPlugin(new SqlObjectPlugin());
  }

  public void register(RoutesConfig routes) {
    routes.get(TERMINATIONS, this::terminations);
    routes.get(CRASH_LOOPS, this::crashLoops);
    routes.get(REPORT, this::report);
  }

  /** The report: its grouping, window and rows. */
  record Report(String groupBy, Instant from, Instant to, long terminations, List<TerminationQueries.GroupRow> rows) {}

  private void terminations(Context ctx) {
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), LIST_PARAMETERS);
    TerminationFilter filter = filter(query, query.optional("reason").orElse(null), "at");
    int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
    // one row more than asked tells whether a next page exists without a count
    List<Termination> rows = jdbi.withExtension(TerminationQueries.class, q -> q.list(filter.whereClause(), filter, limit + 1));
    ctx.json(KeysetPage.of(rows, limit, last -> new KeysetCursor(last.at(), last.id())));
  }

  private void crashLoops(Context ctx) {
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), CRASH_LOOP_PARAMETERS);
    TerminationFilter filter = filter(query, null, "started_at");
    int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
    List<CrashLoopEpisode> rows =
        jdbi.withExtension(TerminationQueries.class, q -> q.crashLoops(filter.whereClause(), filter, limit + 1));
    ctx.json(KeysetPage.of(rows, limit, last -> new KeysetCursor(last.startedAt(), last.id())));
  }

  private void report(Context ctx) {
    Set<String> allowed = new HashSet<>(ReportRequest.PARAMETERS);
    allowed.addAll(REPORT_EXTRA);
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), allowed);
    ReportRequest request = ReportRequest.from(query, List.copyOf(GROUPINGS.keySet()));
    TerminationFilter filter =
        new TerminationFilter(
            request.cluster(), request.namespace(), request.workloadKind(), request.workloadName(),
            query.optional("node").orElse(null), query.optional("reason").orElse(null), request.from(), request.to(),
            null, "at");
    List<TerminationQueries.GroupRow> rows =
        jdbi.withExtension(
            TerminationQueries.class,
            q -> q.report(GROUPINGS.get(request.groupBy()), filter.whereClause(), filter));
    long total = rows.stream().mapToLong(TerminationQueries.GroupRow::terminations).sum();
    List<List<Object>> csv = new ArrayList<>();
    for (TerminationQueries.GroupRow row : rows) {
      csv.add(Arrays.asList(row.cluster(), row.group(), row.terminations(), row.pods(), row.firstAt(), row.lastAt()));
    }
    Tabular.respond(
        ctx,
        new Report(request.groupBy(), request.from(), request.to(), total, rows),
        List.of("cluster", request.groupBy(), "terminations", "pods", "firstAt", "lastAt"),
        csv);
  }

  private static TerminationFilter filter(QueryParameters query, String reason, String timeColumn) {
    QueryParameters.WorkloadParameter workload = query.workload("workload").orElse(null);
    TimeWindow window = query.window();
    return new TerminationFilter(
        query.optional("cluster").orElse(null),
        query.optional("namespace").orElse(null),
        workload == null ? null : workload.kind(),
        workload == null ? null : workload.name(),
        query.optional("node").orElse(null),
        reason,
        window.from(),
        window.to(),
        query.optional("cursor").map(CursorToken::keysetCursor).orElse(null),
        timeColumn);
  }
}
