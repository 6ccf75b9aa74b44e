package dev.podlife.analyzer.startup;

import java.time.Instant;
import java.util.List;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.AllowUnusedBindings;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The read side of {@code pod_startup} beside the report's scan ({@link StartupSample}): pods, the
 * SLO and init shares, whose statistics PostgreSQL computes: {@code percentile_disc} is exactly
 * clusterloader2's nearest rank. {@code <where>} comes from {@link StartupFilter#whereClause()} and
 * {@code <group>} from {@link Grouping}: fixed fragments.
 */
// the filter binds every value; the where clause names only those given
@AllowUnusedBindings
@RegisterConstructorMapper(StartupQueries.PodRow.class)
@RegisterConstructorMapper(StartupQueries.SloDay.class)
@RegisterConstructorMapper(StartupQueries.WorstPod.class)
@RegisterConstructorMapper(InitShare.class)
interface StartupQueries {

  record PodRow(
      String cluster,
      String uid,
      String namespace,
      String name,
      String workloadKind,
      String workloadName,
      String node,
      Instant created,
      Instant scheduled,
      boolean scheduledByEvent,
      Instant initialized,
      Instant running,
      Instant ready,
      Instant watched,
      Long imagePullMs,
      Long initMs,
      Boolean stateless,
      boolean unschedulable,
      boolean started,
      String waitingReason,
      Instant waitingSince,
      Instant deletedAt,
      String imagePulls) {}

  record SloDay(String cluster, String day, long pods, long p99Ms, long maxMs) {}

  record WorstPod(
      String cluster,
      String day,
      String namespace,
      String name,
      String uid,
      long sliMs,
      Long schedulingMs,
      Long initMs,
      Long imagePullMs,
      Long containerStartMs,
      Long watchMs) {}

  String POD_COLUMNS =
      """
      p.cluster, p.uid, p.namespace, p.name, p.workload_kind, p.workload_name, p.node, p.created, p.scheduled,
      p.scheduled_by_event, p.initialized, p.running, p.ready, p.watched, p.image_pull_ms, p.init_ms, p.stateless,
      p.unschedulable, p.started, p.waiting_reason, p.waiting_since, p.deleted_at, p.image_pulls::text AS image_pulls
      """;

  @SqlQuery(
      "SELECT "
          + POD_COLUMNS
          + " FROM pod_startup p WHERE <where> ORDER BY p.namespace, p.name, p.uid")
  List<PodRow> pods(@Define("where") String where, @BindMethods StartupFilter filter);

  @SqlQuery(
      "SELECT " + POD_COLUMNS + " FROM pod_startup p WHERE p.cluster = :cluster AND p.uid = :uid")
  List<PodRow> pod(@Bind("cluster") String cluster, @Bind("uid") String uid);

  @SqlQuery("SELECT cluster FROM pod_startup WHERE uid = :uid ORDER BY cluster")
  List<String> clustersOf(@Bind("uid") String uid);

  /**
   * The pods the SLO counts: {@code slo_eligible}, the projection's verdict (see {@link
   * StartupSlo}); {@code sli_ms} is creation to all containers started and observed (watched, or
   * running where no watch time is known), minus image pulls and init containers.
   */
  String SLI =
      """
      WITH s AS (
        SELECT p.*, to_char(p.created AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
        FROM pod_startup p
        WHERE <where> AND p.slo_eligible
      )
      """;

  @SqlQuery(
      SLI
          + """
          SELECT cluster, day, count(*) AS pods, percentile_disc(0.99) WITHIN GROUP (ORDER BY sli_ms) AS p99_ms,
                 max(sli_ms) AS max_ms
          FROM s GROUP BY cluster, day ORDER BY cluster, day\
          """)
  List<SloDay> sloDays(@Define("where") String where, @BindMethods StartupFilter filter);

  @SqlQuery(
      SLI
          + """
          SELECT cluster, day, namespace, name, uid, sli_ms,
                 create_to_schedule_ms AS scheduling_ms, init_ms, image_pull_ms,
                 greatest(0, schedule_to_run_ms - coalesce(init_ms, 0) - coalesce(image_pull_ms, 0))
                   AS container_start_ms,
                 run_to_watch_ms AS watch_ms
          FROM (SELECT s.*, row_number() OVER (PARTITION BY cluster, day ORDER BY sli_ms DESC, uid) AS rank FROM s) w
          WHERE rank <= :worst
          ORDER BY cluster, day, sli_ms DESC, uid\
          """)
  List<WorstPod> sloWorst(
      @Define("where") String where, @BindMethods StartupFilter filter, @Bind("worst") int worst);

  @SqlQuery(
      """
      SELECT cluster, namespace, workload_kind, workload_name, count(*) AS pods,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY init_ms / 1000.0) AS p50_init_seconds,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY create_to_ready_ms / 1000.0) AS p50_startup_seconds,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY init_ms::numeric / create_to_ready_ms) AS p50_share
      FROM (SELECT DISTINCT unnest(CAST(:uids AS text[])) AS uid) scope
        CROSS JOIN LATERAL (
          -- one primary-key lookup per pod: the audit's pods are a window's, not the store's
          SELECT * FROM pod_startup s
          WHERE s.cluster = :cluster AND s.uid = scope.uid AND s.workload_kind IS NOT NULL
            AND s.init_ms IS NOT NULL AND s.create_to_ready_ms > 0
          OFFSET 0) p
      GROUP BY cluster, namespace, workload_kind, workload_name\
      """)
  List<InitShare> initShares(@Bind("cluster") String cluster, @Bind("uids") String[] uids);
}
