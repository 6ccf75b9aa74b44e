package dev.podlife.api.pods;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The read side of the {@code pod}, {@code pod_history} and {@code fact} tables the analyzer writes. */
@RegisterConstructorMapper(PodSummary.class)
@RegisterConstructorMapper(HistoryEntry.class)
@RegisterConstructorMapper(PodQueries.PodWithSnapshot.class)
interface PodQueries {
  String POD_COLUMNS =
      "cluster, namespace, name, uid, phase, node, workload_kind, workload_name, status, ready, restarts, created_at,"
          + " deletion_requested_at, deleted_at, updated_at";

  /** A pod row and its snapshot JSON. */
  record PodWithSnapshot(@org.jdbi.v3.core.mapper.Nested PodSummary pod, String snapshot) {}

  /** A page of pods in (cluster, namespace, name, uid) order; {@code where} comes from {@link PodFilter#whereClause()}. */
  @SqlQuery(
      "SELECT " + POD_COLUMNS + " FROM pod WHERE <where> ORDER BY cluster, namespace, name, uid LIMIT :limit")
  List<PodSummary> list(@Define("where") String where, @BindMethods PodFilter filter, @Bind("limit") int limit);

  /** The clusters in which a pod with this UID is known, in name order. */
  @SqlQuery("SELECT cluster FROM pod WHERE uid = :uid ORDER BY cluster")
  List<String> clustersOf(@Bind("uid") String uid);

  @SqlQuery("SELECT " + POD_COLUMNS + ", snapshot::text AS snapshot FROM pod WHERE cluster = :cluster AND uid = :uid")
  Optional<PodWithSnapshot> find(@Bind("cluster") String cluster, @Bind("uid") String uid);

  /**
   * A page of one pod's history in (at, fact id) order; {@code where} comes from {@link HistoryWindow#whereClause()}.
   */
  @SqlQuery(
      """
      SELECT h.at, h.fact_type AS type, h.subject, h.summary, h.status, h.ready, h.restarts, h.fact_id,
             f.payload::text AS fact
      FROM pod_history h JOIN fact f ON f.id = h.fact_id
      WHERE h.cluster = :cluster AND h.pod_uid = :uid AND <where>
      ORDER BY h.at, h.fact_id
      LIMIT :limit""")
  List<HistoryEntry> history(
      @Define("where") String where,
      @Bind("cluster") String cluster,
      @Bind("uid") String uid,
      @BindMethods HistoryWindow window,
      @Bind("limit") int limit);
}
