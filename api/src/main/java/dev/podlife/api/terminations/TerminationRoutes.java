package dev.podlife.api.terminations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import dev.podlife.analyzer.query.KeysetCursor;
import dev.podlife.analyzer.shutdown.Disruption;
import dev.podlife.analyzer.terminations.CrashLoopEpisode;
import dev.podlife.analyzer.terminations.CrashLoops;
import dev.podlife.analyzer.terminations.Termination;
import dev.podlife.analyzer.terminations.TerminationFilter;
import dev.podlife.analyzer.terminations.TerminationGroup;
import dev.podlife.analyzer.terminations.TerminationGrouping;
import dev.podlife.analyzer.terminations.Terminations;
import dev.podlife.api.query.CursorToken;
import dev.podlife.api.query.KeysetPage;
import dev.podlife.api.query.QueryParameters;
import dev.podlife.api.query.TimeWindow;
import dev.podlife.api.reports.ReportRequest;
import dev.podlife.api.reports.Tabular;

/**
 * The termination routes: the listing of abnormal terminations, of CrashLoopBackOff episodes, and
 * the report.
 */
public final class TerminationRoutes {
  public static final String TERMINATIONS = "/api/v1/terminations";
  public static final String CRASH_LOOPS = "/api/v1/crash-loops";
  public static final String REPORT = "/api/v1/reports/terminations";

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  static final Set<String> LIST_PARAMETERS =
      Set.of(
          "cluster",
          "namespace",
          "workload",
          "node",
          "reason",
          "disruption",
          "from",
          "to",
          "limit",
          "cursor");
  static final Set<String> CRASH_LOOP_PARAMETERS =
      Set.of("cluster", "namespace", "workload", "node", "from", "to", "limit", "cursor");
  static final Set<String> REPORT_EXTRA = Set.of("node", "reason", "disruption");

  /** The disruption filter's values. */
  static final Set<String> DISRUPTIONS =
      Arrays.stream(Disruption.values())
          .map(Disruption::label)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** The groupBy values, the default first. */
  static final List<String> GROUPINGS = TerminationGrouping.labels();

  private final Terminations terminations;
  private final CrashLoops crashLoops;

  public TerminationRoutes(Jdbi jdbi) {
    this.terminations = new Terminations(jdbi);
    this.crashLoops = new CrashLoops(jdbi);
  }

  public void register(RoutesConfig routes) {
    routes.get(TERMINATIONS, this::terminations);
    routes.get(CRASH_LOOPS, this::crashLoops);
    routes.get(REPORT, this::report);
  }

  /** The report: its grouping, window and rows. */
  record Report(
      String groupBy, Instant from, Instant to, long terminations, List<TerminationGroup> rows) {}

  private void terminations(Context ctx) {
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), LIST_PARAMETERS);
    TerminationFilter filter =
        filter(
            query,
            query.optional("reason").orElse(null),
            query.choice("disruption", DISRUPTIONS).orElse(null));
    int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
    // one row more than asked tells whether a next page exists without a count
    List<Termination> rows = terminations.page(filter, limit + 1);
    ctx.jsonStream(KeysetPage.of(rows, limit, last -> new KeysetCursor(last.at(), last.id())));
  }

  private void crashLoops(Context ctx) {
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), CRASH_LOOP_PARAMETERS);
    TerminationFilter filter = filter(query, null, null);
    int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
    List<CrashLoopEpisode> rows = crashLoops.page(filter, limit + 1);
    ctx.jsonStream(
        KeysetPage.of(rows, limit, last -> new KeysetCursor(last.startedAt(), last.id())));
  }

  private void report(Context ctx) {
    Set<String> allowed = new HashSet<>(ReportRequest.PARAMETERS);
    allowed.addAll(REPORT_EXTRA);
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), allowed);
    ReportRequest request = ReportRequest.from(query, GROUPINGS);
    TerminationFilter filter =
        new TerminationFilter(
            request.cluster(),
            request.namespace(),
            request.workloadKind(),
            request.workloadName(),
            query.optional("node").orElse(null),
            query.optional("reason").orElse(null),
            query.choice("disruption", DISRUPTIONS).orElse(null),
            request.from(),
            request.to(),
            null);
    // ReportRequest accepts only the labels in GROUPINGS
    TerminationGrouping grouping = TerminationGrouping.ofLabel(request.groupBy()).orElseThrow();
    List<TerminationGroup> rows = terminations.report(grouping, filter);
    long total = rows.stream().mapToLong(TerminationGroup::terminations).sum();
    List<List<Object>> csv = new ArrayList<>();
    for (TerminationGroup row : rows) {
      csv.add(
          Arrays.asList(
              row.cluster(),
              row.group(),
              row.terminations(),
              row.pods(),
              row.firstAt(),
              row.lastAt()));
    }
    Tabular.respond(
        ctx,
        new Report(request.groupBy(), request.from(), request.to(), total, rows),
        List.of("cluster", request.groupBy(), "terminations", "pods", "firstAt", "lastAt"),
        csv);
  }

  private static TerminationFilter filter(QueryParameters query, String reason, String disruption) {
    QueryParameters.WorkloadParameter workload = query.workload("workload").orElse(null);
    TimeWindow window = query.window();
    return new TerminationFilter(
        query.optional("cluster").orElse(null),
        query.optional("namespace").orElse(null),
        workload == null ? null : workload.kind(),
        workload == null ? null : workload.name(),
        query.optional("node").orElse(null),
        reason,
        disruption,
        window.from(),
        window.to(),
        query.optional("cursor").map(CursorToken::keysetCursor).orElse(null));
  }
}
