package dev.podlife.analyzer.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The SQL of {@code pod_history}: the projection's inserts and column updates, and the read model's
 * queries (which join {@code pod} for the pods' names and {@code fact} for the stored fact JSON,
 * passed through unparsed). The fact is joined by its pod too, not only by (id, at): both sides are
 * then one range of their per-pod index in each day partition, merged in (at, id) order, instead of
 * one probe of every partition's primary key per history row (whose cost, counted before run-time
 * pruning, made the planner go parallel for a page of one pod).
 */
@RegisterConstructorMapper(HistoryEntry.class)
@RegisterConstructorMapper(PodHistoryEntry.class)
@RegisterConstructorMapper(IncarnationEntry.class)
@RegisterConstructorMapper(HistoryRows.IncarnationRow.class)
interface HistoryRows {

  /** Rows of {@code pod_history} as columns, one array element per row. */
  record NewRows(
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
   * The final columns for history rows of a pod object version whose first facts were stored in an
   * earlier batch.
   */
  record EarlierColumns(
      String cluster,
      String podUid,
      String resourceVersion,
      long beforeFactId,
      String status,
      String ready,
      int restarts) {}

  /** A pod row that bore the asked namespace/name. */
  record IncarnationRow(
      String cluster,
      String uid,
      Instant createdAt,
      Instant deletedAt,
      String node,
      String status) {}

  // --- the projection (in the fact store's transaction) ---

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
  void insert(@BindMethods NewRows rows);

  /** {@link EarlierColumns} as columns, one array element per pod object version. */
  record EarlierColumnsArrays(
      String[] cluster,
      String[] podUid,
      String[] resourceVersion,
      Long[] beforeFactId,
      String[] status,
      String[] ready,
      Integer[] restarts) {}

  /** One statement for every pod object version of a flush (not one per version). */
  @SqlUpdate(
      """
      UPDATE pod_history h SET status = u.status, ready = u.ready, restarts = u.restarts
      FROM unnest(CAST(:cluster AS text[]), CAST(:podUid AS text[]), CAST(:resourceVersion AS text[]),
                  CAST(:beforeFactId AS bigint[]), CAST(:status AS text[]), CAST(:ready AS text[]),
                  CAST(:restarts AS integer[]))
             AS u(cluster, pod_uid, resource_version, before_fact_id, status, ready, restarts),
           fact f
      WHERE h.cluster = u.cluster AND h.pod_uid = u.pod_uid AND h.fact_id < u.before_fact_id
        AND f.id = h.fact_id AND f.at = h.at AND f.resource_version = u.resource_version
        AND f.fact_type NOT IN ('EventObserved', 'PodDeleted')
      """)
  void updateEarlierColumnsAll(@BindMethods EarlierColumnsArrays rows);

  /** Gives the rows of these earlier pod object versions their final columns. */
  default void updateEarlierColumns(List<EarlierColumns> rows) {
    int n = rows.size();
    EarlierColumnsArrays c =
        new EarlierColumnsArrays(
            new String[n],
            new String[n],
            new String[n],
            new Long[n],
            new String[n],
            new String[n],
            new Integer[n]);
    for (int i = 0; i < n; i++) {
      EarlierColumns r = rows.get(i);
      c.cluster()[i] = r.cluster();
      c.podUid()[i] = r.podUid();
      c.resourceVersion()[i] = r.resourceVersion();
      c.beforeFactId()[i] = r.beforeFactId();
      c.status()[i] = r.status();
      c.ready()[i] = r.ready();
      c.restarts()[i] = r.restarts();
    }
    updateEarlierColumnsAll(c);
  }

  @SqlUpdate("TRUNCATE pod_history")
  void truncate();

  // --- the read model ---

  /**
   * A pod's life from its row in {@code pod}; {@code updatedAt} is its latest fact's time, the last
   * day its facts can lie in.
   */
  record Span(Instant createdAt, Instant deletedAt, Instant updatedAt) {}

  @SqlQuery(
      """
      SELECT created_at, deleted_at, updated_at FROM pod WHERE cluster = :cluster AND uid = :uid
      """)
  @RegisterConstructorMapper(Span.class)
  Optional<Span> span(@Bind("cluster") String cluster, @Bind("uid") String uid);

  /**
   * A page of one pod's history in (at, fact id) order; {@code where} comes from {@link
   * HistoryWindow#whereClause()}. {@code span} bounds both tables by constants, so that the planner
   * considers only the day partitions of the pod's life: planning a statement over every partition
   * of a months-long store cost more than running it.
   */
  @SqlQuery(
      """
      SELECT h.at, h.fact_type AS type, h.subject, h.summary, h.status, h.ready, h.restarts, h.fact_id,
             f.payload::text AS fact
      FROM pod_history h
        JOIN fact f ON f.cluster = h.cluster AND f.pod_uid = h.pod_uid AND f.at = h.at AND f.id = h.fact_id
      WHERE h.cluster = :cluster AND h.pod_uid = :uid AND <where>
        AND h.at >= :spanFrom AND h.at <= :spanTo AND f.at >= :spanFrom AND f.at <= :spanTo
      ORDER BY h.at, h.fact_id
      LIMIT :limit\
      """)
  List<HistoryEntry> page(
      @Define("where") String where,
      @Bind("cluster") String cluster,
      @Bind("uid") String uid,
      @BindMethods HistoryWindow window,
      @Bind("spanFrom") OffsetDateTime spanFrom,
      @Bind("spanTo") OffsetDateTime spanTo,
      @Bind("limit") int limit);

  /**
   * The pods named {@code name} in {@code namespace}, newest first; {@code cluster} null = every
   * cluster.
   */
  @SqlQuery(
      """
      SELECT cluster, uid, created_at, deleted_at, node, status FROM pod
      WHERE namespace = :namespace AND name = :name AND (CAST(:cluster AS text) IS NULL OR cluster = :cluster)
      ORDER BY created_at DESC NULLS LAST, updated_at DESC, uid
      LIMIT :limit\
      """)
  List<IncarnationRow> incarnations(
      @Bind("cluster") String cluster,
      @Bind("namespace") String namespace,
      @Bind("name") String name,
      @Bind("limit") int limit);

  /** One incarnation's history in [from, to), time order; null bounds are open. */
  @SqlQuery(
      """
      SELECT h.at, h.fact_type AS type, h.subject, h.summary, h.status, h.ready, h.restarts, h.fact_id,
             f.payload::text AS fact
      FROM pod_history h
        JOIN fact f ON f.cluster = h.cluster AND f.pod_uid = h.pod_uid AND f.at = h.at AND f.id = h.fact_id
      WHERE h.cluster = :cluster AND h.pod_uid = :uid
        AND (CAST(:fromTime AS timestamptz) IS NULL OR h.at >= :fromTime)
        AND (CAST(:toTime AS timestamptz) IS NULL OR h.at < :toTime)
      ORDER BY h.at, h.fact_id
      LIMIT :limit\
      """)
  List<IncarnationEntry> entries(
      @Bind("cluster") String cluster,
      @Bind("uid") String uid,
      @Bind("fromTime") OffsetDateTime from,
      @Bind("toTime") OffsetDateTime to,
      @Bind("limit") int limit);

  /**
   * A page of the merged history of the pods {@code where} selects, in (at, fact id) order. The
   * page is chosen from {@code pod} and {@code pod_history} alone and only its rows' facts are
   * joined: with the fact join inside, the four-column join's estimate (a product of four
   * selectivities) came out as one row for the whole history of a node, and the planner hashed
   * every partition of both tables instead of walking the indexes to the first page.
   */
  @SqlQuery(
      """
      SELECT page.cluster, page.namespace, page.pod, page.uid, page.at, page.type, page.subject, page.summary,
             page.status, page.ready, page.restarts, page.fact_id, f.payload::text AS fact
      FROM (
        SELECT p.cluster, p.namespace, p.name AS pod, p.uid, h.at, h.fact_type AS type, h.subject, h.summary,
               h.status, h.ready, h.restarts, h.fact_id
        FROM pod p
          JOIN pod_history h ON h.cluster = p.cluster AND h.pod_uid = p.uid
        WHERE <where>
        ORDER BY h.at, h.fact_id
        LIMIT :limit
      ) page
        JOIN fact f ON f.cluster = page.cluster AND f.pod_uid = page.uid AND f.at = page.at AND f.id = page.fact_id
      ORDER BY page.at, page.fact_id\
      """)
  List<PodHistoryEntry> merged(
      @Define("where") String where, @BindMethods HistoryFilter filter, @Bind("limit") int limit);

  /**
   * The whole history of the pods of {@code cluster} with these UIDs: pods in (namespace, name,
   * newest first, uid) order, each one's entries in (at, fact id) order.
   */
  @SqlQuery(
      """
      SELECT p.cluster, p.namespace, p.name AS pod, p.uid, h.at, h.fact_type AS type, h.subject, h.summary, h.status,
             h.ready, h.restarts, h.fact_id, f.payload::text AS fact
      FROM pod p
        JOIN pod_history h ON h.cluster = p.cluster AND h.pod_uid = p.uid
        JOIN fact f ON f.cluster = h.cluster AND f.pod_uid = h.pod_uid AND f.at = h.at AND f.id = h.fact_id
      WHERE p.cluster = :cluster AND p.uid = ANY(:uids)
      ORDER BY p.namespace, p.name, p.created_at DESC NULLS LAST, p.uid, h.at, h.fact_id\
      """)
  List<PodHistoryEntry> ofPods(@Bind("cluster") String cluster, @Bind("uids") String[] uids);
}
