package dev.podlife.api.pods;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import dev.podlife.analyzer.coverage.Coverage;
import dev.podlife.analyzer.coverage.Gap;
import dev.podlife.analyzer.history.History;
import dev.podlife.analyzer.history.HistoryEntry;
import dev.podlife.analyzer.history.HistoryWindow;
import dev.podlife.analyzer.history.NotObserved;
import dev.podlife.analyzer.pods.ListingCursor;
import dev.podlife.analyzer.pods.PodFilter;
import dev.podlife.analyzer.pods.PodSummary;
import dev.podlife.analyzer.pods.Pods;
import dev.podlife.analyzer.query.KeysetCursor;
import dev.podlife.api.problem.ProblemException;
import dev.podlife.api.problem.ProblemType;
import dev.podlife.api.query.CursorToken;
import dev.podlife.api.query.KeysetPage;
import dev.podlife.api.query.QueryParameters;

/**
 * The pod routes: the listing, one pod, and one pod's history, read from the analyzer's
 * projections.
 */
public final class PodRoutes {
  public static final String PODS = "/api/v1/pods";
  public static final String POD = "/api/v1/pods/{uid}";
  public static final String HISTORY = "/api/v1/pods/{uid}/history";

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final int DEFAULT_HISTORY_LIMIT = 1000;
  static final int MAX_HISTORY_LIMIT = 10_000;

  static final Set<String> PHASES = Set.of("Pending", "Running", "Succeeded", "Failed", "Unknown");
  static final Set<String> LIST_PARAMETERS =
      Set.of(
          "cluster",
          "namespace",
          "name",
          "workload",
          "phase",
          "status",
          "deleted",
          "limit",
          "cursor");
  static final Set<String> POD_PARAMETERS = Set.of("cluster");
  static final Set<String> HISTORY_PARAMETERS = Set.of("cluster", "from", "to", "limit", "cursor");

  private final Jdbi jdbi;
  private final Pods pods;
  private final Clock clock;

  public PodRoutes(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.pods = new Pods(jdbi);
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get(PODS, this::list);
    routes.get(POD, this::pod);
    routes.get(HISTORY, this::history);
  }

  private void list(Context ctx) {
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), LIST_PARAMETERS);
    QueryParameters.WorkloadParameter workload = query.workload("workload").orElse(null);
    PodFilter filter =
        new PodFilter(
            query.optional("cluster").orElse(null),
            query.optional("namespace").orElse(null),
            query.optional("name").orElse(null),
            workload == null ? null : workload.kind(),
            workload == null ? null : workload.name(),
            query.choice("phase", PHASES).orElse(null),
            query.optional("status").orElse(null),
            query
                .choice("deleted", Set.of("true", "false", "any"))
                .map(value -> PodFilter.Deleted.valueOf(value.toUpperCase(java.util.Locale.ROOT)))
                .orElse(PodFilter.Deleted.FALSE),
            query.optional("cursor").map(ListingTokens::decode).orElse(null));
    int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
    // one row more than asked tells whether a next page exists without a count
    List<PodSummary> rows = pods.list(filter, limit + 1);
    List<PodSummary> items = rows.size() > limit ? rows.subList(0, limit) : rows;
    String next =
        rows.size() > limit ? ListingTokens.encode(ListingCursor.after(items.getLast())) : null;
    ctx.jsonStream(new Pages.PodPage(List.copyOf(items), next));
  }

  private void pod(Context ctx) {
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), POD_PARAMETERS);
    String uid = ctx.pathParam("uid");
    String cluster = resolveCluster(pods, uid, query.optional("cluster").orElse(null));
    ctx.jsonStream(pods.detail(cluster, uid).orElseThrow(() -> notFound(uid, cluster)));
  }

  private void history(Context ctx) {
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), HISTORY_PARAMETERS);
    String uid = ctx.pathParam("uid");
    Instant from = query.instant("from").orElse(null);
    Instant to = query.instant("to").orElse(null);
    if (from != null && to != null && !from.isBefore(to)) {
      throw ProblemException.invalidParameter(
          "from",
          "The time window is empty: 'from' (" + from + ") must be before 'to' (" + to + ")");
    }
    int limit = query.limit(DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT);
    KeysetCursor after = query.optional("cursor").map(CursorToken::keysetCursor).orElse(null);
    String asked = query.optional("cluster").orElse(null);
    HistoryWindow window = new HistoryWindow(from, to, after);
    Instant now = clock.instant();
    // the request's four statements on one pooled connection
    ctx.jsonStream(
        jdbi.withHandle(
            h -> {
              String cluster = resolveCluster(Pods.on(h), uid, asked);
              History.Page stored =
                  History.on(h)
                      .page(cluster, uid, window, limit + 1)
                      .orElseThrow(() -> notFound(uid, cluster));
              KeysetPage<HistoryEntry> page =
                  KeysetPage.of(
                      stored.entries(), limit, last -> new KeysetCursor(last.at(), last.factId()));
              List<Gap> gaps =
                  NotObserved.duringLife(
                      Coverage.on(h),
                      cluster,
                      stored.createdAt(),
                      stored.deletedAt(),
                      from,
                      to,
                      now);
              List<HistoryEntry> items =
                  NotObserved.among(
                      page.items(),
                      gaps,
                      after == null ? null : after.at(),
                      page.nextCursor() == null ? null : page.items().getLast().at());
              return new Pages.HistoryPage(cluster, uid, items, page.nextCursor());
            }));
  }

  /** The cluster the request means: the one given, or the only one the UID is known in. */
  private static String resolveCluster(Pods pods, String uid, String cluster) {
    if (cluster != null) {
      return cluster;
    }
    List<String> clusters = pods.clustersOf(uid);
    return switch (clusters.size()) {
      case 0 -> throw notFound(uid, null);
      case 1 -> clusters.getFirst();
      default ->
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
    };
  }

  private static ProblemException notFound(String uid, String cluster) {
    return new ProblemException(
        ProblemType.NOT_FOUND,
        cluster == null
            ? "No pod with UID " + uid
            : "No pod with UID " + uid + " in cluster " + cluster);
  }
}
