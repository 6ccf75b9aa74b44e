package dev.podlife.analyzer.startup;

import java.time.Instant;
import java.util.List;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code pod_startup} table. */
interface StartupRows {

  /**
   * A row of {@code pod_startup}; the jsonb columns as JSON text. {@code sloEligible} is written
   * from {@link PodStartup#sloEligible()}, never read back into the fold.
   */
  record Row(
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
      String waitingReason,
      Instant waitingSince,
      Instant deletedAt,
      String containerStarts,
      String imagePulls,
      String initContainers,
      String regularContainers,
      boolean sloEligible) {

    /** This row with other JSON columns. */
    Row withJson(
        String containerStarts,
        String imagePulls,
        String initContainers,
        String regularContainers) {
      return new Row(
          cluster,
          uid,
          namespace,
          name,
          workloadKind,
          workloadName,
          node,
          created,
          scheduled,
          scheduledByEvent,
          initialized,
          running,
          ready,
          watched,
          imagePullMs,
          initMs,
          stateless,
          unschedulable,
          waitingReason,
          waitingSince,
          deletedAt,
          containerStarts,
          imagePulls,
          initContainers,
          regularContainers,
          sloEligible);
    }
  }

  String COLUMNS =
      """
      cluster, uid, namespace, name, workload_kind, workload_name, node, created, scheduled, scheduled_by_event,
      initialized, running, ready, watched, image_pull_ms, init_ms, stateless, unschedulable, waiting_reason,
      waiting_since, deleted_at, container_starts::text AS container_starts, image_pulls::text AS image_pulls,
      init_containers::text AS init_containers, regular_containers::text AS regular_containers, slo_eligible
      """;

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + """
          FROM pod_startup p JOIN unnest(CAST(:clusters AS text[]), CAST(:uids AS text[])) AS k(cluster, uid)
            USING (cluster, uid)
          """)
  @RegisterConstructorMapper(Row.class)
  List<Row> find(String[] clusters, String[] uids);

  @SqlBatch(
      """
      INSERT INTO pod_startup (cluster, uid, namespace, name, workload_kind, workload_name, node, created, scheduled,
          scheduled_by_event, initialized, running, ready, watched, image_pull_ms, init_ms, stateless, unschedulable,
          waiting_reason, waiting_since, deleted_at, container_starts, image_pulls, init_containers, regular_containers,
          slo_eligible)
      VALUES (:cluster, :uid, :namespace, :name, :workloadKind, :workloadName, :node, :created, :scheduled,
          :scheduledByEvent, :initialized, :running, :ready, :watched, :imagePullMs, :initMs, :stateless, :unschedulable,
          :waitingReason, :waitingSince, :deletedAt, CAST(:containerStarts AS jsonb), CAST(:imagePulls AS jsonb),
          CAST(:initContainers AS jsonb), CAST(:regularContainers AS jsonb), :sloEligible)
      ON CONFLICT (cluster, uid) DO UPDATE SET
        namespace = excluded.namespace, name = excluded.name, workload_kind = excluded.workload_kind,
        workload_name = excluded.workload_name, node = excluded.node, created = excluded.created,
        scheduled = excluded.scheduled, scheduled_by_event = excluded.scheduled_by_event,
        initialized = excluded.initialized, running = excluded.running, ready = excluded.ready,
        watched = excluded.watched, image_pull_ms = excluded.image_pull_ms, init_ms = excluded.init_ms,
        stateless = excluded.stateless, unschedulable = excluded.unschedulable,
        waiting_reason = excluded.waiting_reason, waiting_since = excluded.waiting_since,
        deleted_at = excluded.deleted_at, container_starts = excluded.container_starts,
        image_pulls = excluded.image_pulls, init_containers = excluded.init_containers,
        regular_containers = excluded.regular_containers, slo_eligible = excluded.slo_eligible
      """)
  void upsert(@BindMethods List<Row> rows);

  @SqlUpdate(
      "DELETE FROM pod_startup WHERE (cluster, uid) IN (SELECT * FROM unnest(CAST(:clusters AS"
          + " text[]), CAST(:uids AS text[])))")
  void forget(String[] clusters, String[] uids);

  @SqlUpdate("TRUNCATE pod_startup")
  void truncate();
}
