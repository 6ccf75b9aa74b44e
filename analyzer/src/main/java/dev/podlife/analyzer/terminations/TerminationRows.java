package dev.podlife.analyzer.terminations;

import java.time.Instant;
import java.util.List;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The write side of {@code termination} and {@code crash_loop_episode}. */
interface TerminationRows {

  /**
   * A row of {@code termination}; {@code id} null for a new one, the stored one for a row judged
   * again.
   */
  record TerminationRow(
      Long id,
      String cluster,
      String podUid,
      String namespace,
      String podName,
      String workloadKind,
      String workloadName,
      String node,
      String container,
      String containerKind,
      String reason,
      Integer exitCode,
      Integer signal,
      String signalName,
      Instant startedAt,
      Instant finishedAt,
      Instant at,
      String message,
      Integer restartCount,
      String containerId,
      boolean duringDeletion,
      String disruption,
      String runKey,
      String finishKey,
      long factId) {}

  /**
   * A row of {@code crash_loop_episode}; {@code id} null until stored. {@code backOffCapReached}:
   * the verdict on {@code maxBackOffSeconds} ({@link CrashLoops#capReached}), stored so that no
   * reader decides it again.
   */
  record EpisodeRow(
      Long id,
      String cluster,
      String podUid,
      String namespace,
      String podName,
      String workloadKind,
      String workloadName,
      String node,
      String container,
      String containerKind,
      Instant startedAt,
      Instant endedAt,
      String endReason,
      int restartsAtStart,
      int restartsAtEnd,
      Integer maxBackOffSeconds,
      boolean backOffCapReached) {}

  /**
   * One count per row: 1 when stored, 0 when it was already there. {@code oom_uncertain}: reason
   * OOMKilled with exit code 143 (SIGTERM) after an earlier OOMKilled of the same container of the
   * pod, stored before it (in this batch too: the rows run in order) — the runtime's OOM flag is
   * the cgroup's, the exit was the SIGTERM's. V91 backfills the same condition.
   */
  @SqlBatch(
      """
      INSERT INTO termination (id, cluster, pod_uid, namespace, pod_name, workload_kind, workload_name, node,
                               container, container_kind, reason, exit_code, signal, signal_name, started_at,
                               finished_at, at, message, restart_count, container_id, during_deletion, disruption,
                               run_key, finish_key, fact_id, oom_uncertain)
      OVERRIDING SYSTEM VALUE
      VALUES (coalesce(:id, nextval(pg_get_serial_sequence('termination', 'id'))), :cluster, :podUid, :namespace, :podName, :workloadKind, :workloadName, :node, :container,
              :containerKind, :reason, :exitCode, :signal, :signalName, :startedAt, :finishedAt, :at,
              :message, :restartCount, :containerId, :duringDeletion, :disruption, :runKey, :finishKey,
              :factId,
              :reason = 'OOMKilled' AND coalesce(:exitCode = 143, false) AND EXISTS (
                SELECT 1 FROM termination e
                WHERE e.cluster = :cluster AND e.pod_uid = :podUid AND e.container = :container
                  AND e.reason = 'OOMKilled' AND e.at < :at))
      ON CONFLICT ON CONSTRAINT termination_identity DO NOTHING
      """)
  int[] insertTerminations(@BindMethods List<TerminationRow> rows);

  @SqlQuery(
      """
      SELECT id, cluster, pod_uid, namespace, pod_name, workload_kind, workload_name, node, container, container_kind,
             started_at, ended_at, end_reason, restarts_at_start, restarts_at_end, max_back_off_seconds,
             back_off_cap_reached
      FROM crash_loop_episode
      WHERE cluster = :cluster AND pod_uid = :podUid AND ended_at IS NULL
      """)
  @RegisterConstructorMapper(EpisodeRow.class)
  List<EpisodeRow> openEpisodes(String cluster, String podUid);

  /** {@link #openEpisodes} of several pods (parallel arrays of cluster and uid) in one query. */
  @SqlQuery(
      """
      SELECT e.id, e.cluster, e.pod_uid, e.namespace, e.pod_name, e.workload_kind, e.workload_name, e.node,
             e.container, e.container_kind, e.started_at, e.ended_at, e.end_reason, e.restarts_at_start,
             e.restarts_at_end, e.max_back_off_seconds, e.back_off_cap_reached
      FROM crash_loop_episode e
        JOIN unnest(CAST(:clusters AS text[]), CAST(:uids AS text[])) AS k(cluster, pod_uid)
          ON e.cluster = k.cluster AND e.pod_uid = k.pod_uid
      WHERE e.ended_at IS NULL
      """)
  @RegisterConstructorMapper(EpisodeRow.class)
  List<EpisodeRow> openEpisodesOf(String[] clusters, String[] uids);

  @SqlBatch(
      """
      INSERT INTO crash_loop_episode (cluster, pod_uid, namespace, pod_name, workload_kind, workload_name, node,
                                      container, container_kind, started_at, ended_at, end_reason, restarts_at_start,
                                      restarts_at_end, max_back_off_seconds, back_off_cap_reached)
      VALUES (:cluster, :podUid, :namespace, :podName, :workloadKind, :workloadName, :node, :container,
              :containerKind, :startedAt, :endedAt, :endReason, :restartsAtStart, :restartsAtEnd, :maxBackOffSeconds,
              :backOffCapReached)
      ON CONFLICT ON CONSTRAINT crash_loop_episode_identity DO UPDATE SET
        ended_at = excluded.ended_at, end_reason = excluded.end_reason, restarts_at_end = excluded.restarts_at_end,
        max_back_off_seconds = excluded.max_back_off_seconds, back_off_cap_reached = excluded.back_off_cap_reached,
        node = excluded.node,
        workload_kind = excluded.workload_kind, workload_name = excluded.workload_name
      """)
  void upsertEpisodes(@BindMethods List<EpisodeRow> rows);

  /** A pod's DisruptionTarget condition, True since {@code since}, seen after its exits. */
  record LateDisruption(String cluster, String podUid, String disruption, Instant since) {}

  /**
   * Gives the pod's exits stored without a disruption the one that had begun by then: container
   * exits at or after {@code since}, and the pod's own termination whenever it was.
   */
  @SqlBatch(
      """
      UPDATE termination SET disruption = :disruption
      WHERE cluster = :cluster AND pod_uid = :podUid AND disruption IS NULL
        AND (container = '' OR at >= :since)
      """)
  void setLateDisruptions(@BindMethods List<LateDisruption> disruptions);

  /** A stored fact: its id and JSON. */
  record StoredFact(long id, String payload) {}

  /** The facts of one pod object version stored before {@code beforeId}, in their order. */
  @SqlQuery(
      """
      SELECT id, payload::text AS payload FROM fact
      WHERE cluster = :cluster AND pod_uid = :podUid AND resource_version = :resourceVersion
        AND fact_type <> 'EventObserved' AND id < :beforeId
      ORDER BY id
      """)
  @RegisterConstructorMapper(StoredFact.class)
  List<StoredFact> factsOfVersion(
      String cluster, String podUid, String resourceVersion, long beforeId);

  /** The id and identity of a termination row. */
  record StoredIdentity(long id, String container, String runKey, String finishKey) {}

  /** Deletes the pod's terminations found in these facts, and says which they were. */
  @SqlQuery(
      """
      DELETE FROM termination
      WHERE cluster = :cluster AND pod_uid = :podUid AND fact_id = ANY(:factIds)
      RETURNING id, container, run_key, finish_key
      """)
  @RegisterConstructorMapper(StoredIdentity.class)
  List<StoredIdentity> takeTerminations(String cluster, String podUid, long[] factIds);

  @SqlUpdate(
      "DELETE FROM termination WHERE (cluster, pod_uid) IN (SELECT * FROM unnest(CAST(:clusters AS"
          + " text[]), CAST(:uids AS text[])))")
  void forgetTerminations(String[] clusters, String[] uids);

  @SqlUpdate(
      "DELETE FROM crash_loop_episode WHERE (cluster, pod_uid) IN (SELECT * FROM"
          + " unnest(CAST(:clusters AS text[]), CAST(:uids AS text[])))")
  void forgetCrashLoops(String[] clusters, String[] uids);

  @SqlUpdate("TRUNCATE termination, crash_loop_episode RESTART IDENTITY")
  void truncate();
}
