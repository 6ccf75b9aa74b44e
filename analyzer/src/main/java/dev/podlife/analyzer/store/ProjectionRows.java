package dev.podlife.analyzer.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The projections {@code pod} (current state) and {@code pod_history} (one row per stored fact). */
interface ProjectionRows {

  /** A row of {@code pod}. */
  record PodRow(
      String cluster,
      String uid,
      String namespace,
      String name,
      String workloadKind,
      String workloadName,
      String node,
      String phase,
      String status,
      String ready,
      int restarts,
      Instant createdAt,
      Instant deletionRequestedAt,
      Instant deletedAt,
      String resourceVersion,
      Instant updatedAt,
      long lastFactId,
      String snapshot) {}

  /** Rows of {@code pod_history} as columns, one array element per row. */
  record HistoryRows(
      Long[] factId,
      String[] cluster,
      String[] podUid,
      String[] at,
      String[] factType,
      String[] subject,
      String[] summary,
      String[] status,
      String[] ready,
      Integer[] restarts) {}

  /**
   * What folding more facts into a stored pod row starts from. Read FOR UPDATE: should two consumers fold the same pod
   * at once (a zombie after a rebalance), the second waits and folds onto the first one's result.
   */
  record StoredPod(String cluster, String uid, String snapshot, Instant updatedAt) {}

  @SqlQuery(
      """
      SELECT cluster, uid, snapshot::text AS snapshot, updated_at FROM pod WHERE cluster = :cluster AND uid = :uid
      FOR UPDATE
      """)
  @RegisterConstructorMapper(StoredPod.class)
  Optional<StoredPod> pod(String cluster, String uid);

  @SqlQuery(
      """
      SELECT p.cluster, p.uid, p.snapshot::text AS snapshot, p.updated_at
      FROM pod p JOIN unnest(CAST(:clusters AS text[]), CAST(:uids AS text[])) AS k(cluster, uid)
        ON p.cluster = k.cluster AND p.uid = k.uid
      FOR UPDATE OF p
      """)
  @RegisterConstructorMapper(StoredPod.class)
  List<StoredPod> pods(String[] clusters, String[] uids);

  @SqlBatch(
      """
      INSERT INTO pod (cluster, uid, namespace, name, workload_kind, workload_name, node, phase, status, ready, restarts,
                       created_at, deletion_requested_at, deleted_at, resource_version, updated_at, last_fact_id, snapshot)
      VALUES (:cluster, :uid, :namespace, :name, :workloadKind, :workloadName, :node, :phase, :status, :ready, :restarts,
              :createdAt, :deletionRequestedAt, :deletedAt, :resourceVersion, :updatedAt, :lastFactId,
              CAST(:snapshot AS jsonb))
      ON CONFLICT (cluster, uid) DO UPDATE SET
        namespace = excluded.namespace, name = excluded.name, workload_kind = excluded.workload_kind,
        workload_name = excluded.workload_name, node = excluded.node, phase = excluded.phase, status = excluded.status,
        ready = excluded.ready, restarts = excluded.restarts, created_at = excluded.created_at,
        deletion_requested_at = excluded.deletion_requested_at, deleted_at = excluded.deleted_at,
        resource_version = excluded.resource_version, updated_at = excluded.updated_at,
        last_fact_id = excluded.last_fact_id, snapshot = excluded.snapshot
      """)
  void upsertPods(@BindMethods List<PodRow> rows);

  @SqlUpdate(
      """
      INSERT INTO pod_history (fact_id, cluster, pod_uid, at, fact_type, subject, summary, status, ready, restarts)
      SELECT r.fact_id, r.cluster, r.pod_uid, r.at::timestamptz, r.fact_type, r.subject, r.summary, r.status, r.ready,
             r.restarts
      FROM unnest(CAST(:factId AS bigint[]), CAST(:cluster AS text[]), CAST(:podUid AS text[]), CAST(:at AS text[]),
                  CAST(:factType AS text[]), CAST(:subject AS text[]), CAST(:summary AS text[]),
                  CAST(:status AS text[]), CAST(:ready AS text[]), CAST(:restarts AS integer[]))
           AS r(fact_id, cluster, pod_uid, at, fact_type, subject, summary, status, ready, restarts)
      """)
  void insertHistory(@BindMethods HistoryRows rows);

  /** The final columns for history rows of a pod object version whose first facts were stored in an earlier batch. */
  record EarlierColumns(
      String cluster, String podUid, String resourceVersion, long beforeFactId, String status, String ready, int restarts) {}

  @SqlBatch(
      """
      UPDATE pod_history h SET status = :status, ready = :ready, restarts = :restarts
      FROM fact f
      WHERE f.id = h.fact_id AND h.cluster = :cluster AND h.pod_uid = :podUid AND h.fact_id < :beforeFactId
        AND f.resource_version = :resourceVersion
        AND f.fact_type NOT IN ('EventObserved', 'PodDeleted')
      """)
  void updateEarlierColumns(@BindMethods List<EarlierColumns> rows);

  @SqlUpdate("TRUNCATE pod, pod_history")
  void truncate();
}
