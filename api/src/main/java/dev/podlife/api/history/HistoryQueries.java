package dev.podlife.api.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The read side of {@code pod} and {@code pod_history} across pods. */
@RegisterConstructorMapper(PodHistoryEntry.class)
@RegisterConstructorMapper(IncarnationEntry.class)
@RegisterConstructorMapper(HistoryQueries.IncarnationRow.class)
interface HistoryQueries {

  /** A pod row that bore the asked namespace/name. */
  record IncarnationRow(String cluster, String uid, Instant createdAt, Instant deletedAt, String node, String status) {}

  /** The pods named {@code name} in {@code namespace}, newest first; {@code cluster} null = every cluster. */
  @SqlQuery(
      """
      SELECT cluster, uid, created_at, deleted_at, node, status FROM pod
      WHERE namespace = :namespace AND name = :name AND (CAST(:cluster AS text) IS NULL OR cluster = :cluster)
      ORDER BY created_at DESC NULLS LAST, updated_at DESC, uid
      LIMIT :limit""")
  List<IncarnationRow> incarnations(
      @Bind("cluster") String cluster, @Bind("namespace") String namespace, @Bind("name") String name,
      @Bind("limit") int limit);

  /** One incarnation's history in [from, to), time order; null bounds are open. */
  @SqlQuery(
      """
      SELECT h.at, h.fact_type AS type, h.subject, h.summary, h.status, h.ready, h.restarts, h.fact_id,
             f.payload::text AS fact
      FROM pod_history h JOIN fact f ON f.id = h.fact_id
      WHERE h.cluster = :cluster AND h.pod_uid = :uid
        AND (CAST(:fromTime AS timestamptz) IS NULL OR h.at >= :fromTime)
        AND (CAST(:toTime AS timestamptz) IS NULL OR h.at < :toTime)
      ORDER BY h.at, h.fact_id
      LIMIT :limit""")
  List<IncarnationEntry> entries(
      @Bind("cluster") String cluster, @Bind("uid") String uid, @Bind("fromTime") OffsetDateTime from,
      @Bind("toTime") OffsetDateTime to, @Bind("limit") int limit);

  /** A page of the merged history of the pods {@code where} selects, in (at, fact id) order. */
  @SqlQuery(
      """
      SELECT p.cluster, p.namespace, p.name AS pod, p.uid, h.at, h.fact_type AS type, h.subject, h.summary, h.status,
             h.ready, h.restarts, h.fact_id, f.payload::text AS fact
      FROM pod p
        JOIN pod_history h ON h.cluster = p.cluster AND h.pod_uid = p.uid
        JOIN fact f ON f.id = h.fact_id
      WHERE <where>
      ORDER BY h.at, h.fact_id
      LIMIT :limit""")
  List<PodHistoryEntry> merged(
      @Define("where") String where, @BindMethods HistoryFilter filter, @Bind("limit") int limit);
}
