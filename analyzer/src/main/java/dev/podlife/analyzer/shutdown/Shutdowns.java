package dev.podlife.analyzer.shutdown;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.SqlStatements;

import dev.podlife.analyzer.query.Windowed;

/**
 * The read side of the {@code shutdown_pod} and {@code shutdown_container} projection: shutdowns as
 * {@link Shutdown} and {@link ShutdownContainer}, and the grouped report. Every reader (API,
 * alerts, CLI, the audit) reads shutdowns through this class, and counts containers killed after
 * the grace period by the stored verdict.
 */
public final class Shutdowns {
  private static final RowMapper<Shutdown> SHUTDOWN = ConstructorMapper.of(Shutdown.class);
  private static final RowMapper<ShutdownContainer> CONTAINER =
      ConstructorMapper.of(ShutdownContainer.class);
  private static final RowMapper<PodExit> EXIT = ConstructorMapper.of(PodExit.class);

  private final Jdbi jdbi;
  private final Handle handle;

  /** Reads on a handle of its own per call. */
  public Shutdowns(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.handle = null;
  }

  /** Reads on {@code handle}, inside whatever transaction it is in. */
  public Shutdowns(Handle handle) {
    this.jdbi = null;
    this.handle = Objects.requireNonNull(handle, "handle");
  }

  /**
   * The shutdowns of the given pods of {@code cluster}, by deletion request (then namespace, name,
   * uid).
   */
  public List<Shutdown> ofPods(String cluster, Collection<String> uids) {
    return read(
        h ->
            h.createQuery(
                    """
                    SELECT * FROM shutdown_pod
                    WHERE cluster = :cluster AND pod_uid = ANY(:uids)
                    ORDER BY deletion_requested_at, namespace, pod_name, pod_uid\
                    """)
                .bind("cluster", cluster)
                .bindArray("uids", String.class, uids)
                .map(SHUTDOWN)
                .list());
  }

  /** The containers of the given pods' shutdowns, by pod uid, then in the kubelet's order. */
  public List<ShutdownContainer> containersOfPods(String cluster, Collection<String> uids) {
    return read(
        h ->
            h.createQuery(
                    """
                    SELECT * FROM shutdown_container
                    WHERE cluster = :cluster AND pod_uid = ANY(:uids)
                    ORDER BY pod_uid, position, container\
                    """)
                .bind("cluster", cluster)
                .bindArray("uids", String.class, uids)
                .map(CONTAINER)
                .list());
  }

  /**
   * The given pods of {@code cluster} whose deletion was requested, with the last exit of their
   * shutdown's containers (a container that finished before the request is not one of them); pods
   * never deleted are left out. Read pod by pod through the primary keys (LATERAL … OFFSET 0): an
   * audit's pods are a window's, and a hash over the whole tables would grow with the store.
   */
  public List<PodExit> exitsOfPods(String cluster, Collection<String> uids) {
    return read(
        h ->
            h.createQuery(
                    """
                    SELECT p.cluster, p.pod_uid, p.deletion_requested_at, p.grace_period_seconds,
                           e.last_exit_at
                    FROM (SELECT DISTINCT unnest(CAST(:uids AS text[])) AS uid) scope
                      CROSS JOIN LATERAL (
                        SELECT * FROM shutdown_pod
                        WHERE cluster = :cluster AND pod_uid = scope.uid OFFSET 0) p
                      CROSS JOIN LATERAL (
                        SELECT max(c.finished_at) AS last_exit_at FROM shutdown_container c
                        WHERE c.cluster = p.cluster AND c.pod_uid = p.pod_uid) e
                    ORDER BY p.pod_uid\
                    """)
                .bind("cluster", cluster)
                .bindArray("uids", String.class, uids)
                .map(EXIT)
                .list());
  }

  /**
   * The containers killed after their pod's grace period (the stored verdict) in {@code [from,
   * to)}, dated at their finish, else at the deadline. They are looked up by the deadline, indexed:
   * one SIGKILLed more than an hour after its deadline is not seen.
   */
  public List<StoppedContainer> killedAfterGrace(Instant from, Instant to) {
    return stopped(
        """
        SELECT *, coalesce(c.finished_at, p.deletion_timestamp) AS at
        FROM shutdown_container c JOIN shutdown_pod p USING (cluster, pod_uid)
        WHERE c.killed_after_grace
          -- a SIGKILL lands at the deadline; the slack bounds the index range, not the answer
          AND p.deletion_timestamp >= CAST(:from AS timestamptz) - interval '1 hour'
          AND p.deletion_timestamp < :to\
        """,
        from,
        to);
  }

  /**
   * The containers whose preStop hook failed in {@code [from, to)}, dated at the Killing Event,
   * else at the deletion request. They are looked up by the request, indexed: a Killing more than
   * an hour after it is not seen.
   */
  public List<StoppedContainer> preStopFailed(Instant from, Instant to) {
    return stopped(
        """
        SELECT *, coalesce(c.killing_at, p.deletion_requested_at) AS at
        FROM shutdown_container c JOIN shutdown_pod p USING (cluster, pod_uid)
        WHERE c.prestop_failed
          -- the kubelet runs preStop as the deletion is requested; the slack bounds the index range
          AND p.deletion_requested_at >= CAST(:from AS timestamptz) - interval '1 hour'
          AND p.deletion_requested_at < :to\
        """,
        from,
        to);
  }

  /**
   * {@code candidates} selects the rows and their {@code at}; this keeps those with {@code at} in
   * {@code [from, to)}.
   */
  private List<StoppedContainer> stopped(String candidates, Instant from, Instant to) {
    return read(
        h ->
            h.createQuery(
                    "SELECT * FROM ("
                        + candidates
                        + ") k WHERE k.at >= :from AND k.at < :to ORDER BY k.at")
                .bind("from", Windowed.utc(from))
                .bind("to", Windowed.utc(to))
                .map(
                    (rs, ctx) ->
                        new StoppedContainer(
                            SHUTDOWN.map(rs, ctx),
                            CONTAINER.map(rs, ctx),
                            rs.getObject("at", java.time.OffsetDateTime.class).toInstant()))
                .list());
  }

  /**
   * The report's figures per group of {@code scope}: one row per pod and one per container, grouped
   * once, pod figures over the pod rows only (a pod with three containers counts once for podGone);
   * bare pods are the workload ''.
   */
  public List<ShutdownGroup> report(ShutdownScope scope) {
    return read(
        h ->
            h.createQuery(
                    """
                    WITH scoped AS (
                      SELECT p.cluster, p.namespace, coalesce(p.workload_kind, '') AS workload_kind,
                             coalesce(p.workload_name, '') AS workload_name, p.pod_uid, p.grace_period_seconds,
                             p.pod_gone_ms
                      FROM shutdown_pod p
                      WHERE <where>
                    ), figures AS (
                      -- one row per pod (level 'pod') and one per container of it, grouped once: pod figures and
                      -- container figures of a group need no join (joining two grouped CTEs on nullable keys compared
                      -- every pair of groups)
                      SELECT cluster, namespace, workload_kind, workload_name, 'pod' AS level, grace_period_seconds,
                             pod_gone_ms, NULL::text AS outcome, false AS killed_after_grace, false AS prestop_configured,
                             false AS prestop_failed, NULL::bigint AS seconds_to_exit_ms, NULL::float8 AS grace_used
                      FROM scoped
                      UNION ALL
                      -- per scoped pod through the key (OFFSET 0 keeps the planner from hashing the whole table
                      -- against the scope): the report costs its window, not every shutdown stored
                      SELECT s.cluster, s.namespace, s.workload_kind, s.workload_name, 'container', NULL, NULL, c.outcome,
                             c.killed_after_grace, c.prestop_configured, c.prestop_failed, c.seconds_to_exit_ms, c.grace_used
                      FROM scoped s CROSS JOIN LATERAL (
                        SELECT c.outcome, c.killed_after_grace, c.prestop_configured, c.prestop_failed, c.seconds_to_exit_ms,
                               c.grace_used
                        FROM shutdown_container c
                        WHERE c.cluster = s.cluster AND c.pod_uid = s.pod_uid
                        OFFSET 0) c
                    )
                    SELECT <keys>, count(*) FILTER (WHERE level = 'pod') AS pods,
                           min(grace_period_seconds) AS grace_min_seconds, max(grace_period_seconds) AS grace_max_seconds,
                           percentile_disc(0.5) WITHIN GROUP (ORDER BY pod_gone_ms) FILTER (WHERE level = 'pod') AS pod_gone_p50_ms,
                           percentile_disc(0.9) WITHIN GROUP (ORDER BY pod_gone_ms) FILTER (WHERE level = 'pod') AS pod_gone_p90_ms,
                           percentile_disc(0.99) WITHIN GROUP (ORDER BY pod_gone_ms) FILTER (WHERE level = 'pod') AS pod_gone_p99_ms,
                           count(*) FILTER (WHERE level = 'container') AS containers,
                           count(*) FILTER (WHERE level = 'container' AND outcome = 'clean') AS clean,
                           count(*) FILTER (WHERE level = 'container' AND killed_after_grace) AS killed_after_grace,
                           count(*) FILTER (WHERE level = 'container' AND outcome = 'oom_killed') AS oom_killed,
                           count(*) FILTER (WHERE level = 'container' AND outcome = 'error_exit') AS error_exit,
                           count(*) FILTER (WHERE level = 'container' AND outcome = 'unknown') AS unknown,
                           count(*) FILTER (WHERE level = 'container' AND outcome IS NULL) AS stopping,
                           count(*) FILTER (WHERE level = 'container' AND prestop_configured) AS pre_stop_configured,
                           count(*) FILTER (WHERE level = 'container' AND prestop_failed) AS pre_stop_failed,
                           percentile_disc(0.5) WITHIN GROUP (ORDER BY seconds_to_exit_ms) FILTER (WHERE level = 'container') AS exit_p50_ms,
                           percentile_disc(0.9) WITHIN GROUP (ORDER BY seconds_to_exit_ms) FILTER (WHERE level = 'container') AS exit_p90_ms,
                           percentile_disc(0.99) WITHIN GROUP (ORDER BY seconds_to_exit_ms) FILTER (WHERE level = 'container') AS exit_p99_ms,
                           percentile_disc(0.5) WITHIN GROUP (ORDER BY grace_used) FILTER (WHERE level = 'container') AS grace_used_p50,
                           percentile_disc(0.9) WITHIN GROUP (ORDER BY grace_used) FILTER (WHERE level = 'container') AS grace_used_p90,
                           percentile_disc(0.99) WITHIN GROUP (ORDER BY grace_used) FILTER (WHERE level = 'container') AS grace_used_p99
                    FROM figures
                    GROUP BY <groups>
                    ORDER BY cluster, namespace, workload_kind, workload_name
                    """)
                .define("where", scope.whereClause())
                .define("keys", scope.groupBy().keyColumns())
                .define("groups", scope.groupBy().groupColumns())
                .bindMethods(scope)
                // unfiltered, the statement binds nothing of the scope
                .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
                .map(ConstructorMapper.of(ShutdownGroup.class))
                .list());
  }

  private <R> R read(HandleCallback<R, RuntimeException> query) {
    return handle != null ? query.withHandle(handle) : jdbi.withHandle(query);
  }
}
