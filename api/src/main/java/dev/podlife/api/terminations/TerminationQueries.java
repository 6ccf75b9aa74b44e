package dev.podlife.api.terminations;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.AllowUnusedBindings;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The read side of the {@code termination} and {@code crash_loop_episode} projections. */
@RegisterConstructorMapper(Termination.class)
@RegisterConstructorMapper(CrashLoopEpisode.class)
@RegisterConstructorMapper(TerminationQueries.GroupRow.class)
interface TerminationQueries {

  /** One group of the report. */
  record GroupRow(String cluster, String group, long terminations, long pods, Instant firstAt, Instant lastAt) {}

  /** A page, newest first; {@code where} comes from {@link TerminationFilter#whereClause()}. */
  @SqlQuery(
      """
      SELECT id, cluster, namespace, pod_name AS pod, pod_uid AS uid, workload_kind, workload_name, node, container,
             container_kind, reason, exit_code, signal_name AS signal, started_at, finished_at, at, message,
             restart_count, during_deletion
      FROM termination WHERE <where>
      ORDER BY at DESC, id DESC
      LIMIT :limit""")
  List<Termination> list(@Define("where") String where, @BindMethods TerminationFilter filter, @Bind("limit") int limit);

  @SqlQuery(
      """
      SELECT id, cluster, namespace, pod_name AS pod, pod_uid AS uid, workload_kind, workload_name, node, container,
             container_kind, started_at, ended_at, end_reason, restarts_at_start, restarts_at_end,
             restarts_at_end - restarts_at_start AS restarts, max_back_off_seconds,
             coalesce(max_back_off_seconds >= 300, false) AS back_off_cap_reached
      FROM crash_loop_episode WHERE <where>
      ORDER BY started_at DESC, id DESC
      LIMIT :limit""")
  List<CrashLoopEpisode> crashLoops(
      @Define("where") String where, @BindMethods TerminationFilter filter, @Bind("limit") int limit);

  /** Terminations grouped by {@code key}, a constant expression from {@link TerminationRoutes#GROUPINGS}. */
  @AllowUnusedBindings // without filters the statement binds nothing
  @SqlQuery(
      """
      SELECT cluster, <key> AS "group", count(*) AS terminations, count(DISTINCT pod_uid) AS pods,
             min(at) AS first_at, max(at) AS last_at
      FROM termination WHERE <where>
      GROUP BY cluster, <key>
      ORDER BY count(*) DESC, cluster, <key>""")
  List<GroupRow> report(
      @Define("key") String key, @Define("where") String where, @BindMethods TerminationFilter filter);
}
