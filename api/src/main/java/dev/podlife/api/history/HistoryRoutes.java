package dev.podlife.api.history;

import java.util.List;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import dev.podlife.analyzer.history.History;
import dev.podlife.analyzer.history.HistoryFilter;
import dev.podlife.analyzer.history.Incarnation;
import dev.podlife.analyzer.history.PodHistoryEntry;
import dev.podlife.analyzer.query.KeysetCursor;
import dev.podlife.api.problem.ProblemException;
import dev.podlife.api.problem.ProblemType;
import dev.podlife.api.query.CursorToken;
import dev.podlife.api.query.KeysetPage;
import dev.podlife.api.query.QueryParameters;
import dev.podlife.api.query.TimeWindow;

/**
 * History beyond one UID: every incarnation of a namespace/name, newest first; the merged history
 * of a workload's pods; the merged history of a node's pods. Deleted pods are included: the audit
 * trail keeps them.
 */
public final class HistoryRoutes {
  public static final String BY_NAME = "/api/v1/namespaces/{namespace}/pods/{name}/history";
  public static final String BY_WORKLOAD = "/api/v1/workloads/{kind}/{namespace}/{name}/history";
  public static final String BY_NODE = "/api/v1/nodes/{node}/history";

  static final int DEFAULT_INCARNATIONS = 20;
  static final int MAX_INCARNATIONS = 100;

  /**
   * Entries returned per incarnation; the rest is paged through {@code /api/v1/pods/{uid}/history}.
   */
  static final int ENTRIES_PER_INCARNATION = 10_000;

  static final int DEFAULT_LIMIT = 1000;
  static final int MAX_LIMIT = 10_000;

  static final Set<String> BY_NAME_PARAMETERS = Set.of("cluster", "from", "to", "limit");
  static final Set<String> MERGED_PARAMETERS = Set.of("cluster", "from", "to", "limit", "cursor");

  private final History history;

  public HistoryRoutes(Jdbi jdbi) {
    this.history = new History(jdbi);
  }

  public void register(RoutesConfig routes) {
    routes.get(BY_NAME, this::byName);
    routes.get(BY_WORKLOAD, this::byWorkload);
    routes.get(BY_NODE, this::byNode);
  }

  /** Every incarnation of a namespace/name, newest first. */
  record Incarnations(String namespace, String name, List<Incarnation> incarnations) {}

  private void byName(Context ctx) {
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), BY_NAME_PARAMETERS);
    String namespace = ctx.pathParam("namespace");
    String name = ctx.pathParam("name");
    String cluster = query.optional("cluster").orElse(null);
    TimeWindow window = query.window();
    int limit = query.limit(DEFAULT_INCARNATIONS, MAX_INCARNATIONS);
    List<Incarnation> incarnations =
        history.incarnations(
            cluster, namespace, name, window.from(), window.to(), limit, ENTRIES_PER_INCARNATION);
    if (incarnations.isEmpty() && !window.bounded()) {
      throw new ProblemException(
          ProblemType.NOT_FOUND,
          "No pod was ever named "
              + name
              + " in namespace "
              + namespace
              + (cluster == null ? "" : " in cluster " + cluster));
    }
    ctx.jsonStream(new Incarnations(namespace, name, incarnations));
  }

  private void byWorkload(Context ctx) {
    merged(ctx, ctx.pathParam("namespace"), ctx.pathParam("kind"), ctx.pathParam("name"), null);
  }

  private void byNode(Context ctx) {
    merged(ctx, null, null, null, ctx.pathParam("node"));
  }

  /** The merged history of the pods of one workload or one node (the other arguments null). */
  private void merged(
      Context ctx, String namespace, String workloadKind, String workloadName, String node) {
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), MERGED_PARAMETERS);
    TimeWindow window = query.window();
    HistoryFilter filter =
        new HistoryFilter(
            query.optional("cluster").orElse(null),
            namespace,
            workloadKind,
            workloadName,
            node,
            window.from(),
            window.to(),
            query.optional("cursor").map(CursorToken::keysetCursor).orElse(null));
    int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
    // one row more than asked tells whether a next page exists without a count
    List<PodHistoryEntry> rows = history.merged(filter, limit + 1);
    ctx.jsonStream(KeysetPage.of(rows, limit, last -> new KeysetCursor(last.at(), last.factId())));
  }
}
