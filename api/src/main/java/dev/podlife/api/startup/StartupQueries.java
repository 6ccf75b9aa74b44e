package dev.podlife.api.startup;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.AllowUnusedBindings;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The read side of {@code pod_startup}. Every statistic is computed by PostgreSQL: {@code percentile_disc} is
 * exactly clusterloader2's nearest rank. {@code <where>} comes from {@link StartupFilter#whereClause()} and
 * {@code <group>} from {@link Grouping}: fixed fragments.
 */
// the filter binds every value; the where clause names only those given
@AllowUnusedBindings
@RegisterConstructorMapper(StartupQueries.TransitionRow.class)
@RegisterConstructorMapper(StartupQueries.GroupCount.class)
@RegisterConstructorMapper(StartupQueries.ReasonCount.class)
@RegisterConstructorMapper(StartupQueries.PodRow.class)
@RegisterConstructorMapper(StartupQueries.SloDay.class)
@RegisterConstructorMapper(StartupQueries.SloPod.class)
interface StartupQueries {

  record TransitionRow(
      String cluster, String groupKey, String transition, long count, long p50Ms, long p90Ms, long p99Ms, long minMs,
      long maxMs, double meanMs) {}

  record GroupCount(String cluster, String groupKey, long pods, long started) {}

  record ReasonCount(String cluster, String groupKey, String reason, long pods) {}

  record PodRow(
      String cluster, String uid, String namespace, String name, String workloadKind, String workloadName, String node,
      Instant created, Instant scheduled, boolean scheduledByEvent, Instant initialized, Instant running,
      Instant ready, Instant watched, Long imagePullMs, Long initMs, Boolean stateless, boolean unschedulable,
      boolean started, String waitingReason, Instant waitingSince, Instant deletedAt, String imagePulls) {}

  record SloDay(String cluster, String day, long pods, long p99Ms, long maxMs) {}

  record SloPod(
      String cluster, String day, String namespace, String name, String uid, long sliMs, Long schedulingMs,
      Long initMs, Long imagePullMs, Long containerStartMs, Long watchMs) {}

  /** One row per (cluster, group, transition) that has at least one pod with both ends. */
  @SqlQuery(
      """
      SELECT p.cluster, <group> AS group_key, t.transition, count(*) AS count,
             (percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY t.ms))[1] AS p50_ms,
             (percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY t.ms))[2] AS p90_ms,
             (percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY t.ms))[3] AS p99_ms,
             min(t.ms) AS min_ms, max(t.ms) AS max_ms, round(avg(t.ms), 1)::float8 AS mean_ms
      FROM pod_startup p
      CROSS JOIN LATERAL (VALUES
          ('create_to_schedule', startup_ms(p.created, p.scheduled)),
          ('schedule_to_run', startup_ms(p.scheduled, p.running)),
          ('create_to_run', startup_ms(p.created, p.running)),
          ('run_to_watch', startup_ms(p.running, p.watched)),
          ('schedule_to_watch', startup_ms(p.scheduled, p.watched)),
          ('pod_startup', startup_ms(p.created, p.watched)),
          ('create_to_ready', startup_ms(p.created, p.ready)),
          ('run_to_ready', startup_ms(p.running, p.ready)),
          ('image_pull', p.image_pull_ms),
          ('init', p.init_ms)) AS t(transition, ms)
      WHERE <where> AND t.ms IS NOT NULL
      GROUP BY 1, 2, 3
      ORDER BY 1, 2, 3""")
  List<TransitionRow> transitions(
      @Define("where") String where, @Define("group") String group, @BindMethods StartupFilter filter);

  @SqlQuery(
      """
      SELECT p.cluster, <group> AS group_key, count(*) AS pods, count(*) FILTER (WHERE p.started) AS started
      FROM pod_startup p WHERE <where> GROUP BY 1, 2 ORDER BY 1, 2""")
  List<GroupCount> groups(@Define("where") String where, @Define("group") String group, @BindMethods StartupFilter filter);

  @SqlQuery(
      """
      SELECT p.cluster, <group> AS group_key, coalesce(p.waiting_reason, 'Pending') AS reason, count(*) AS pods
      FROM pod_startup p WHERE <where> AND NOT p.started GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""")
  List<ReasonCount> notStarted(
      @Define("where") String where, @Define("group") String group, @BindMethods StartupFilter filter);

  String POD_COLUMNS =
      """
      p.cluster, p.uid, p.namespace, p.name, p.workload_kind, p.workload_name, p.node, p.created, p.scheduled,
      p.scheduled_by_event, p.initialized, p.running, p.ready, p.watched, p.image_pull_ms, p.init_ms, p.stateless,
      p.unschedulable, p.started, p.waiting_reason, p.waiting_since, p.deleted_at, p.image_pulls::text AS image_pulls
      """;

  @SqlQuery("SELECT " + POD_COLUMNS + " FROM pod_startup p WHERE <where> ORDER BY p.namespace, p.name, p.uid")
  List<PodRow> pods(@Define("where") String where, @BindMethods StartupFilter filter);

  @SqlQuery("SELECT " + POD_COLUMNS + " FROM pod_startup p WHERE p.cluster = :cluster AND p.uid = :uid")
  List<PodRow> pod(@Bind("cluster") String cluster, @Bind("uid") String uid);

  @SqlQuery("SELECT cluster FROM pod_startup WHERE uid = :uid ORDER BY cluster")
  List<String> clustersOf(@Bind("uid") String uid);

  /**
   * The pods the SLO counts, with their SLI: started, stateless, never Unschedulable; creation to all containers
   * started and observed (watched, or running where no watch time is known), minus image pulls and init containers.
   */
  String SLI =
      """
      WITH s AS (
        SELECT p.*, to_char(p.created AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
               greatest(0, startup_ms(p.created, coalesce(p.watched, p.running))
                           - coalesce(p.image_pull_ms, 0) - coalesce(p.init_ms, 0)) AS sli_ms
        FROM pod_startup p
        WHERE <where> AND p.started AND p.stateless AND NOT p.unschedulable
      )
      """;

  @SqlQuery(
      SLI
          + """
          SELECT cluster, day, count(*) AS pods, percentile_disc(0.99) WITHIN GROUP (ORDER BY sli_ms) AS p99_ms,
                 max(sli_ms) AS max_ms
          FROM s GROUP BY cluster, day ORDER BY cluster, day""")
  List<SloDay> sloDays(@Define("where") String where, @BindMethods StartupFilter filter);

  @SqlQuery(
      SLI
          + """
          SELECT cluster, day, namespace, name, uid, sli_ms,
                 startup_ms(created, scheduled) AS scheduling_ms, init_ms, image_pull_ms,
                 CASE WHEN scheduled IS NOT NULL
                      THEN greatest(0, startup_ms(scheduled, running) - coalesce(init_ms, 0) - coalesce(image_pull_ms, 0))
                 END AS container_start_ms,
                 startup_ms(running, watched) AS watch_ms
          FROM (SELECT s.*, row_number() OVER (PARTITION BY cluster, day ORDER BY sli_ms DESC, uid) AS rank FROM s) w
          WHERE rank <= :worst
          ORDER BY cluster, day, sli_ms DESC, uid""")
  List<SloPod> sloWorst(
      @Define("where") String where, @BindMethods StartupFilter filter, @Bind("worst") int worst);
}
