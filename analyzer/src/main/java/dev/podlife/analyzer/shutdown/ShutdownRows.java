package dev.podlife.analyzer.shutdown;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The tables {@code shutdown_pod} and {@code shutdown_container}, and the Events a new shutdown
 * looks back at.
 */
@RegisterConstructorMapper(ShutdownRows.PodRow.class)
@RegisterConstructorMapper(ShutdownRows.ContainerRow.class)
interface ShutdownRows {

  record PodRow(
      String cluster,
      String podUid,
      String namespace,
      String podName,
      String workloadKind,
      String workloadName,
      Instant deletionRequestedAt,
      Instant deletionTimestamp,
      Long gracePeriodSeconds,
      String cause,
      boolean gone,
      Instant goneObservedAt,
      Long podGoneMs) {}

  record ContainerRow(
      String cluster,
      String podUid,
      String container,
      int position,
      Boolean prestopConfigured,
      boolean prestopFailed,
      Instant killingAt,
      Instant finishedAt,
      Integer exitCode,
      String reason,
      Long secondsToExitMs,
      Double graceUsed,
      String outcome,
      boolean killedAfterGrace) {}

  /** Locked like the pod row, so that two consumers folding the same pod serialise. */
  @SqlQuery("SELECT * FROM shutdown_pod WHERE cluster = :cluster AND pod_uid = :uid FOR UPDATE")
  Optional<PodRow> pod(String cluster, String uid);

  @SqlQuery(
      "SELECT * FROM shutdown_container WHERE cluster = :cluster AND pod_uid = :uid ORDER BY"
          + " position, container")
  List<ContainerRow> containers(String cluster, String uid);

  /**
   * {@link #pod} of several pods (parallel arrays of cluster and uid) in one query, locked in key
   * order.
   */
  @SqlQuery(
      """
      SELECT s.* FROM shutdown_pod s
        JOIN unnest(CAST(:clusters AS text[]), CAST(:uids AS text[])) AS k(cluster, pod_uid)
          ON s.cluster = k.cluster AND s.pod_uid = k.pod_uid
      ORDER BY s.cluster, s.pod_uid
      FOR UPDATE OF s
      """)
  List<PodRow> pods(String[] clusters, String[] uids);

  /** {@link #containers} of several pods in one query, each pod's in the same order. */
  @SqlQuery(
      """
      SELECT c.* FROM shutdown_container c
        JOIN unnest(CAST(:clusters AS text[]), CAST(:uids AS text[])) AS k(cluster, pod_uid)
          ON c.cluster = k.cluster AND c.pod_uid = k.pod_uid
      ORDER BY c.cluster, c.pod_uid, c.position, c.container
      """)
  List<ContainerRow> containersOf(String[] clusters, String[] uids);

  /** An Event's payload {@link #earlierEvents} gives for the deletion fact {@code beforeId}. */
  record EarlierEvent(long beforeId, String payload) {}

  /**
   * {@link #earlierEvents} of several deletions (parallel arrays: the deletion's fact id, cluster,
   * pod uid and look-back start as text) in one query, each deletion's in id order.
   */
  @SqlQuery(
      """
      SELECT k.before_id, f.payload::text AS payload
      FROM unnest(CAST(:beforeIds AS bigint[]), CAST(:clusters AS text[]), CAST(:uids AS text[]),
                  CAST(:sinces AS text[])) AS k(before_id, cluster, pod_uid, since)
        CROSS JOIN LATERAL (
          SELECT e.id, e.payload FROM fact e
          WHERE e.cluster = k.cluster AND e.pod_uid = k.pod_uid AND e.fact_type = 'EventObserved'
            AND e.id < k.before_id AND e.at >= k.since::timestamptz
        ) f
      ORDER BY k.before_id, f.id
      """)
  @RegisterConstructorMapper(EarlierEvent.class)
  List<EarlierEvent> earlierEventsOf(
      Long[] beforeIds, String[] clusters, String[] uids, String[] sinces);

  /**
   * The Events of a pod stored before the fact {@code beforeId}: the kubelet's Killing and
   * FailedPreStopHook Events may reach the collector before the pod update that carries the
   * deletion. The fact table keys an Event by its uid, not its reason, so {@link PodShutdown} picks
   * the stopping ones from the typed facts (once per shutdown, one pod's Events). Only Events at or
   * after {@code since} are read: the day partitions before it are pruned.
   */
  @SqlQuery(
      """
      SELECT payload::text FROM fact
      WHERE cluster = :cluster AND pod_uid = :uid AND fact_type = 'EventObserved' AND id < :beforeId
        AND at >= :since
      ORDER BY id
      """)
  List<String> earlierEvents(String cluster, String uid, long beforeId, Instant since);

  @SqlBatch(
      """
      INSERT INTO shutdown_pod (cluster, pod_uid, namespace, pod_name, workload_kind, workload_name,
                                deletion_requested_at, deletion_timestamp, grace_period_seconds, cause, gone,
                                gone_observed_at, pod_gone_ms)
      VALUES (:cluster, :podUid, :namespace, :podName, :workloadKind, :workloadName, :deletionRequestedAt,
              :deletionTimestamp, :gracePeriodSeconds, :cause, :gone, :goneObservedAt, :podGoneMs)
      ON CONFLICT (cluster, pod_uid) DO UPDATE SET
        namespace = excluded.namespace, pod_name = excluded.pod_name, workload_kind = excluded.workload_kind,
        workload_name = excluded.workload_name, deletion_requested_at = excluded.deletion_requested_at,
        deletion_timestamp = excluded.deletion_timestamp, grace_period_seconds = excluded.grace_period_seconds,
        cause = excluded.cause, gone = excluded.gone, gone_observed_at = excluded.gone_observed_at,
        pod_gone_ms = excluded.pod_gone_ms
      """)
  void upsertPods(@BindMethods List<PodRow> rows);

  @SqlBatch(
      """
      INSERT INTO shutdown_container (cluster, pod_uid, container, position, prestop_configured, prestop_failed,
                                      killing_at, finished_at, exit_code, reason, seconds_to_exit_ms, grace_used, outcome,
                                      killed_after_grace)
      VALUES (:cluster, :podUid, :container, :position, :prestopConfigured, :prestopFailed, :killingAt, :finishedAt,
              :exitCode, :reason, :secondsToExitMs, :graceUsed, :outcome, :killedAfterGrace)
      ON CONFLICT (cluster, pod_uid, container) DO UPDATE SET
        position = excluded.position, prestop_configured = excluded.prestop_configured,
        prestop_failed = excluded.prestop_failed, killing_at = excluded.killing_at, finished_at = excluded.finished_at,
        exit_code = excluded.exit_code, reason = excluded.reason, seconds_to_exit_ms = excluded.seconds_to_exit_ms,
        grace_used = excluded.grace_used, outcome = excluded.outcome, killed_after_grace = excluded.killed_after_grace
      """)
  void upsertContainers(@BindMethods List<ContainerRow> rows);

  /** The pods' shutdown rows; their containers' rows go with them (ON DELETE CASCADE). */
  @SqlUpdate(
      "DELETE FROM shutdown_pod WHERE (cluster, pod_uid) IN (SELECT * FROM unnest(CAST(:clusters AS"
          + " text[]), CAST(:uids AS text[])))")
  void forget(String[] clusters, String[] uids);

  @SqlUpdate("TRUNCATE shutdown_container, shutdown_pod")
  void truncate();
}
