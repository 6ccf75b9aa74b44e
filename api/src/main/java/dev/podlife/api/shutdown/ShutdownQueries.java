package dev.podlife.api.shutdown;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.AllowUnusedBindings;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Shutdown statistics straight from SQL: counts by outcome and nearest-rank percentiles (percentile_disc). */
@RegisterConstructorMapper(ShutdownQueries.GroupRow.class)
interface ShutdownQueries {

  /**
   * One group's figures. Durations in milliseconds; {@code workloadKind}/{@code workloadName} are empty for bare pods
   * when grouping by workload, null when the grouping drops them.
   */
  record GroupRow(
      String cluster,
      String namespace,
      String workloadKind,
      String workloadName,
      long pods,
      Long graceMinSeconds,
      Long graceMaxSeconds,
      Long podGoneP50Ms,
      Long podGoneP90Ms,
      Long podGoneP99Ms,
      long containers,
      long clean,
      long killedAfterGrace,
      long oomKilled,
      long errorExit,
      long unknown,
      long stopping,
      long preStopConfigured,
      long preStopFailed,
      Long exitP50Ms,
      Long exitP90Ms,
      Long exitP99Ms,
      Double graceUsedP50,
      Double graceUsedP90,
      Double graceUsedP99) {}

  // Unfiltered, the statement binds nothing of the scope: allowed.
  // Pod figures and container figures are grouped apart (a pod with three containers counts once for podGone); the
  // key columns are made non-null so that the two sides join, bare pods as the workload ''.
  @SqlQuery(
      """
      WITH scoped AS (
        SELECT p.cluster, p.namespace, coalesce(p.workload_kind, '') AS workload_kind,
               coalesce(p.workload_name, '') AS workload_name, p.pod_uid, p.grace_period_seconds, p.pod_gone_ms
        FROM shutdown_pod p
        WHERE <where>
      ), pod_figures AS (
        SELECT <keys>, count(*) AS pods, min(grace_period_seconds) AS grace_min_seconds,
               max(grace_period_seconds) AS grace_max_seconds,
               percentile_disc(0.5) WITHIN GROUP (ORDER BY pod_gone_ms) AS pod_gone_p50_ms,
               percentile_disc(0.9) WITHIN GROUP (ORDER BY pod_gone_ms) AS pod_gone_p90_ms,
               percentile_disc(0.99) WITHIN GROUP (ORDER BY pod_gone_ms) AS pod_gone_p99_ms
        FROM scoped GROUP BY <groups>
      ), container_figures AS (
        SELECT <keys>, count(*) AS containers,
               count(*) FILTER (WHERE c.outcome = 'clean') AS clean,
               count(*) FILTER (WHERE c.outcome = 'killed_after_grace') AS killed_after_grace,
               count(*) FILTER (WHERE c.outcome = 'oom_killed') AS oom_killed,
               count(*) FILTER (WHERE c.outcome = 'error_exit') AS error_exit,
               count(*) FILTER (WHERE c.outcome = 'unknown') AS unknown,
               count(*) FILTER (WHERE c.outcome IS NULL) AS stopping,
               count(*) FILTER (WHERE c.prestop_configured) AS pre_stop_configured,
               count(*) FILTER (WHERE c.prestop_failed) AS pre_stop_failed,
               percentile_disc(0.5) WITHIN GROUP (ORDER BY c.seconds_to_exit_ms) AS exit_p50_ms,
               percentile_disc(0.9) WITHIN GROUP (ORDER BY c.seconds_to_exit_ms) AS exit_p90_ms,
               percentile_disc(0.99) WITHIN GROUP (ORDER BY c.seconds_to_exit_ms) AS exit_p99_ms,
               percentile_disc(0.5) WITHIN GROUP (ORDER BY c.grace_used) AS grace_used_p50,
               percentile_disc(0.9) WITHIN GROUP (ORDER BY c.grace_used) AS grace_used_p90,
               percentile_disc(0.99) WITHIN GROUP (ORDER BY c.grace_used) AS grace_used_p99
        FROM scoped JOIN shutdown_container c USING (cluster, pod_uid)
        GROUP BY <groups>
      )
      SELECT p.*, coalesce(c.containers, 0) AS containers, coalesce(c.clean, 0) AS clean,
             coalesce(c.killed_after_grace, 0) AS killed_after_grace, coalesce(c.oom_killed, 0) AS oom_killed,
             coalesce(c.error_exit, 0) AS error_exit, coalesce(c.unknown, 0) AS unknown,
             coalesce(c.stopping, 0) AS stopping, coalesce(c.pre_stop_configured, 0) AS pre_stop_configured,
             coalesce(c.pre_stop_failed, 0) AS pre_stop_failed, c.exit_p50_ms, c.exit_p90_ms, c.exit_p99_ms,
             c.grace_used_p50, c.grace_used_p90, c.grace_used_p99
      FROM pod_figures p
      LEFT JOIN container_figures c
        ON c.cluster = p.cluster AND c.namespace IS NOT DISTINCT FROM p.namespace
       AND c.workload_kind IS NOT DISTINCT FROM p.workload_kind
       AND c.workload_name IS NOT DISTINCT FROM p.workload_name
      ORDER BY p.cluster, p.namespace, p.workload_kind, p.workload_name
      """)
  @AllowUnusedBindings
  List<GroupRow> groups(
      @Define("where") String where,
      @Define("keys") String keys,
      @Define("groups") String groups,
      @BindMethods ShutdownScope scope);
}
