package dev.podlife.analyzer.terminations;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.SqlStatements;

import dev.podlife.analyzer.query.Windowed;

/**
 * The read side of the {@code termination} projection: abnormal terminations as {@link
 * Termination}s, and the grouped report. Every reader (API, alerts, CLI) reads terminations through
 * this class.
 */
public final class Terminations {
  private static final String COLUMNS =
      """
      SELECT id, cluster, namespace, pod_name AS pod, pod_uid AS uid, workload_kind, workload_name, node, container,
             container_kind, reason, exit_code, signal_name AS signal, started_at, finished_at, at, message,
             restart_count, during_deletion, disruption, oom_uncertain
      FROM termination
      """;

  private final Jdbi jdbi;
  private final Handle handle;

  /** Reads on a handle of its own per call. */
  public Terminations(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.handle = null;
  }

  /** Reads on {@code handle}, inside whatever transaction it is in. */
  public Terminations(Handle handle) {
    this.jdbi = null;
    this.handle = Objects.requireNonNull(handle, "handle");
  }

  /**
   * A page of at most {@code limit} terminations, newest first (by time, then id), after {@code
   * filter.after()}.
   */
  public List<Termination> page(TerminationFilter filter, int limit) {
    return read(
        h ->
            h.createQuery(COLUMNS + "WHERE <where>\nORDER BY at DESC, id DESC\nLIMIT :limit")
                .define("where", filter.whereClause("at", true))
                .bindMethods(filter)
                .bind("limit", limit)
                .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
                .registerRowMapper(ConstructorMapper.factory(Termination.class))
                .mapTo(Termination.class)
                .list());
  }

  /**
   * The terminations in {@code filter} grouped by {@code grouping}, per cluster, largest group
   * first (then by cluster and group).
   */
  public List<TerminationGroup> report(TerminationGrouping grouping, TerminationFilter filter) {
    return read(
        h ->
            h.createQuery(
                    """
                    SELECT cluster, <key> AS "group", count(*) AS terminations, count(DISTINCT pod_uid) AS pods,
                           min(at) AS first_at, max(at) AS last_at
                    FROM termination WHERE <where>
                    GROUP BY cluster, <key>
                    ORDER BY count(*) DESC, cluster, <key>\
                    """)
                .define("key", grouping.expression())
                .define("where", filter.whereClause("at", true))
                .bindMethods(filter)
                // without filters the statement binds nothing
                .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
                .registerRowMapper(ConstructorMapper.factory(TerminationGroup.class))
                .mapTo(TerminationGroup.class)
                .list());
  }

  /**
   * Every termination of the given pods of {@code cluster}, oldest first (then by namespace, pod,
   * container), read pod by pod through the per-pod index.
   */
  public List<Termination> ofPods(String cluster, Collection<String> uids) {
    // one index range per pod (LATERAL … OFFSET 0): a report's pods are a window's, and a hash
    // over the whole table would grow with the store, not with the window
    return read(
        h ->
            h.createQuery(
                    "SELECT t.* FROM (SELECT DISTINCT unnest(CAST(:uids AS text[])) AS uid) scope"
                        + " CROSS JOIN LATERAL ("
                        + COLUMNS
                        + """
                        WHERE cluster = :cluster AND pod_uid = scope.uid OFFSET 0) t
                        ORDER BY t.at, t.namespace, t.pod, t.container, t.id\
                        """)
                .bind("cluster", cluster)
                .bindArray("uids", String.class, uids)
                .registerRowMapper(ConstructorMapper.factory(Termination.class))
                .mapTo(Termination.class)
                .list());
  }

  /**
   * The terminations in {@code [from, to)} whose reason is one of {@code reasons}, oldest first.
   */
  public List<Termination> withReason(Collection<String> reasons, Instant from, Instant to) {
    return read(
        h ->
            h.createQuery(
                    COLUMNS
                        + "WHERE reason = ANY(:reasons) AND at >= :from AND at < :to ORDER BY at,"
                        + " id")
                .bindArray("reasons", String.class, reasons)
                .bind("from", Windowed.utc(from))
                .bind("to", Windowed.utc(to))
                .registerRowMapper(ConstructorMapper.factory(Termination.class))
                .mapTo(Termination.class)
                .list());
  }

  /**
   * The terminations in {@code [from, to)} whose exit code is one of {@code exitCodes}, oldest
   * first.
   */
  public List<Termination> withExitCode(Collection<Integer> exitCodes, Instant from, Instant to) {
    return read(
        h ->
            h.createQuery(
                    COLUMNS
                        + "WHERE exit_code = ANY(:exitCodes) AND at >= :from AND at < :to ORDER BY"
                        + " at, id")
                .bindArray("exitCodes", Integer.class, exitCodes)
                .bind("from", Windowed.utc(from))
                .bind("to", Windowed.utc(to))
                .registerRowMapper(ConstructorMapper.factory(Termination.class))
                .mapTo(Termination.class)
                .list());
  }

  private <R> R read(HandleCallback<R, RuntimeException> query) {
    return handle != null ? query.withHandle(handle) : jdbi.withHandle(query);
  }
}
