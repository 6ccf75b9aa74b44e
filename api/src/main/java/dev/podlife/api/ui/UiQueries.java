package dev.podlife.api.ui;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What the pages read of pods and their history (terminations come from {@code Terminations}). */
@RegisterConstructorMapper(UiQueries.PodRow.class)
@RegisterConstructorMapper(UiQueries.HistoryRow.class)
interface UiQueries {
  record PodRow(
      String cluster, String namespace, String name, String uid, String workloadKind, String workloadName, String node,
      String status, String ready, int restarts, String snapshot) {}

  record HistoryRow(Instant at, String summary, String status, String ready, int restarts, String fact) {}

  @SqlQuery("SELECT cluster FROM pod WHERE uid = :uid ORDER BY cluster")
  List<String> clustersOf(@Bind("uid") String uid);

  @SqlQuery(
      """
      SELECT cluster, namespace, name, uid, workload_kind, workload_name, node, status, ready, restarts,
             snapshot::text AS snapshot
      FROM pod WHERE cluster = :cluster AND uid = :uid""")
  Optional<PodRow> pod(@Bind("cluster") String cluster, @Bind("uid") String uid);

  @SqlQuery(
      """
      SELECT h.at, h.summary, h.status, h.ready, h.restarts, f.payload::text AS fact
      FROM pod_history h JOIN fact f ON f.id = h.fact_id
      WHERE h.cluster = :cluster AND h.pod_uid = :uid
      ORDER BY h.at, h.fact_id
      LIMIT :limit""")
  List<HistoryRow> history(@Bind("cluster") String cluster, @Bind("uid") String uid, @Bind("limit") int limit);
}
