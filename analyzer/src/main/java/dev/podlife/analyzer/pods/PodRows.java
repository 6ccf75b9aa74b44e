package dev.podlife.analyzer.pods;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.mapper.Nested;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.AllowUnusedBindings;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import dev.podlife.analyzer.query.WorkloadRef;

/**
 * The SQL of the {@code pod} table: the projection's locked reads and upserts, and the read model's
 * queries.
 */
@RegisterConstructorMapper(PodSummary.class)
@RegisterConstructorMapper(PodRows.PodWithSnapshot.class)
@RegisterConstructorMapper(PodRows.StoredPod.class)
@RegisterConstructorMapper(PodRows.IdentityRow.class)
@RegisterConstructorMapper(PodRows.NewestRow.class)
interface PodRows {
  String POD_COLUMNS =
      "cluster, namespace, name, uid, phase, node, workload_kind, workload_name, status, ready,"
          + " restarts, created_at, deletion_requested_at, deleted_at, updated_at";

  /** {@link #POD_COLUMNS} of {@code pod p}. */
  String P_COLUMNS =
      "p.cluster, p.namespace, p.name, p.uid, p.phase, p.node, p.workload_kind, p.workload_name,"
          + " p.status, p.ready, p.restarts, p.created_at, p.deletion_requested_at, p.deleted_at,"
          + " p.updated_at";

  /**
   * A row of {@code pod} as the projection writes it; {@code labels} and {@code snapshot} are JSON.
   */
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
      String labels,
      String snapshot) {}

  /** What folding more facts into a stored pod row starts from: its snapshot JSON. */
  record StoredPod(String cluster, String uid, String snapshot, Instant updatedAt) {}

  /** A pod row and its snapshot JSON. */
  record PodWithSnapshot(@Nested PodSummary pod, String snapshot) {}

  /** A pod's identity and its labels JSON. */
  record IdentityRow(
      String cluster,
      String uid,
      String namespace,
      String name,
      @Nested("workload") WorkloadRef workload,
      String labels) {}

  /** The newest pod of a workload, its snapshot JSON and the workload's pod count. */
  record NewestRow(@Nested PodSummary pod, long workloadPods, String snapshot) {}

  // --- the projection (in the fact store's transaction) ---

  /**
   * Read FOR UPDATE: should two consumers fold the same pod at once (a zombie after a rebalance),
   * the second waits and folds onto the first one's result.
   */
  @SqlQuery(
      """
      SELECT cluster, uid, snapshot::text AS snapshot, updated_at FROM pod WHERE cluster = :cluster AND uid = :uid
      FOR UPDATE
      """)
  Optional<StoredPod> lock(String cluster, String uid);

  @SqlQuery(
      """
      SELECT p.cluster, p.uid, p.snapshot::text AS snapshot, p.updated_at
      FROM pod p JOIN unnest(CAST(:clusters AS text[]), CAST(:uids AS text[])) AS k(cluster, uid)
        ON p.cluster = k.cluster AND p.uid = k.uid
      FOR UPDATE OF p
      """)
  List<StoredPod> lock(String[] clusters, String[] uids);

  @SqlBatch(
      """
      INSERT INTO pod (cluster, uid, namespace, name, workload_kind, workload_name, node, phase, status, ready, restarts,
                       created_at, deletion_requested_at, deleted_at, resource_version, updated_at, last_fact_id, labels,
                       snapshot)
      VALUES (:cluster, :uid, :namespace, :name, :workloadKind, :workloadName, :node, :phase, :status, :ready, :restarts,
              :createdAt, :deletionRequestedAt, :deletedAt, :resourceVersion, :updatedAt, :lastFactId,
              CAST(:labels AS jsonb), CAST(:snapshot AS jsonb))
      ON CONFLICT (cluster, uid) DO UPDATE SET
        namespace = excluded.namespace, name = excluded.name, workload_kind = excluded.workload_kind,
        workload_name = excluded.workload_name, node = excluded.node, phase = excluded.phase, status = excluded.status,
        ready = excluded.ready, restarts = excluded.restarts, created_at = excluded.created_at,
        deletion_requested_at = excluded.deletion_requested_at, deleted_at = excluded.deleted_at,
        resource_version = excluded.resource_version, updated_at = excluded.updated_at,
        last_fact_id = excluded.last_fact_id, labels = excluded.labels, snapshot = excluded.snapshot
      """)
  void upsert(@BindMethods List<PodRow> rows);

  /** Deletes these pods' rows (retention: pods with no fact left). */
  @SqlUpdate(
      "DELETE FROM pod WHERE (cluster, uid) IN (SELECT * FROM unnest(CAST(:clusters AS text[]),"
          + " CAST(:uids AS text[])))")
  int forget(String[] clusters, String[] uids);

  @SqlUpdate("TRUNCATE pod")
  void truncate();

  // --- the read model ---

  /**
   * A page of pods in (cluster, namespace, name, uid) order; {@code where} comes from {@link
   * PodFilter#whereClause()}.
   */
  @SqlQuery(
      "SELECT "
          + POD_COLUMNS
          + " FROM pod WHERE <where> ORDER BY cluster, namespace, name, uid LIMIT :limit")
  List<PodSummary> list(
      @Define("where") String where, @BindMethods PodFilter filter, @Bind("limit") int limit);

  @SqlQuery("SELECT cluster FROM pod WHERE uid = :uid ORDER BY cluster")
  List<String> clustersOf(@Bind("uid") String uid);

  @SqlQuery(
      "SELECT "
          + POD_COLUMNS
          + ", snapshot::text AS snapshot FROM pod WHERE cluster = :cluster AND uid = :uid")
  Optional<PodWithSnapshot> find(@Bind("cluster") String cluster, @Bind("uid") String uid);

  @SqlQuery(
      "SELECT "
          + POD_COLUMNS
          + " FROM pod WHERE cluster = :cluster AND uid = ANY(:uids) ORDER BY namespace, name, uid")
  List<PodSummary> inCluster(@Bind("cluster") String cluster, @Bind("uids") String[] uids);

  @SqlQuery(
      "SELECT "
          + POD_COLUMNS
          + " FROM pod WHERE starts_with(name, :prefix) ORDER BY created_at LIMIT 1")
  Optional<PodSummary> oldestNamed(@Bind("prefix") String prefix);

  @SqlQuery(
      """
      SELECT cluster, uid, namespace, name, workload_kind, workload_name, labels::text AS labels
      FROM pod WHERE cluster = :cluster AND uid = ANY(:uids)\
      """)
  List<IdentityRow> identities(@Bind("cluster") String cluster, @Bind("uids") String[] uids);

  /**
   * The workload pods of {@code filter}; {@code where} comes from {@link
   * WorkloadPodFilter#whereClause()}.
   */
  @SqlQuery(
      "SELECT "
          + P_COLUMNS
          + " FROM pod p WHERE <where> ORDER BY p.cluster, p.namespace, p.name, p.uid")
  @AllowUnusedBindings
  List<PodSummary> ofWorkloads(
      @Define("where") String where, @BindMethods WorkloadPodFilter filter);

  @SqlQuery(
      "SELECT DISTINCT ON (p.cluster, p.namespace, p.workload_kind, p.workload_name) "
          + P_COLUMNS
          + """
          ,
                 count(*) OVER (PARTITION BY p.cluster, p.namespace, p.workload_kind, p.workload_name) AS workload_pods,
                 p.snapshot::text AS snapshot
          FROM pod p WHERE <where>
          ORDER BY p.cluster, p.namespace, p.workload_kind, p.workload_name, p.created_at DESC NULLS LAST, p.uid\
          """)
  @AllowUnusedBindings
  List<NewestRow> newestOfWorkloads(
      @Define("where") String where, @BindMethods WorkloadPodFilter filter);
}
