package dev.podlife.analyzer.coverage;

import java.time.Instant;
import java.util.List;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code collector_heartbeat} table. */
@RegisterConstructorMapper(HeartbeatRows.Beat.class)
@RegisterConstructorMapper(HeartbeatRows.Extent.class)
@RegisterConstructorMapper(HeartbeatRows.Last.class)
interface HeartbeatRows {

  /** A heartbeat stored before (redelivered, or stored by another analyzer) changes nothing. */
  @SqlUpdate(
      """
      INSERT INTO collector_heartbeat
        (cluster, sent_at, instance, heartbeat_interval, started_at, resumed, received_at)
      VALUES (:cluster, :sentAt, :instance, :intervalMs * interval '1 millisecond', :startedAt,
              :resumed, :receivedAt)
      ON CONFLICT DO NOTHING
      """)
  int insert(
      @Bind("cluster") String cluster,
      @Bind("sentAt") Instant sentAt,
      @Bind("instance") String instance,
      @Bind("intervalMs") long intervalMs,
      @Bind("startedAt") Instant startedAt,
      @Bind("resumed") boolean resumed,
      @Bind("receivedAt") Instant receivedAt);

  /** One heartbeat as coverage reads it. */
  record Beat(Instant sentAt, long intervalMs) {}

  /**
   * The heartbeats of {@code cluster} that decide the coverage of {@code [from, to]}, in time
   * order: those inside it, and the last before and the first after it.
   */
  @SqlQuery(
      """
      (SELECT sent_at, (extract(epoch FROM heartbeat_interval) * 1000)::bigint AS interval_ms
       FROM collector_heartbeat WHERE cluster = :cluster AND sent_at < :from
       ORDER BY sent_at DESC LIMIT 1)
      UNION ALL
      (SELECT sent_at, (extract(epoch FROM heartbeat_interval) * 1000)::bigint
       FROM collector_heartbeat WHERE cluster = :cluster AND sent_at >= :from AND sent_at <= :to)
      UNION ALL
      (SELECT sent_at, (extract(epoch FROM heartbeat_interval) * 1000)::bigint
       FROM collector_heartbeat WHERE cluster = :cluster AND sent_at > :to
       ORDER BY sent_at LIMIT 1)
      ORDER BY sent_at
      """)
  List<Beat> around(
      @Bind("cluster") String cluster, @Bind("from") Instant from, @Bind("to") Instant to);

  /** The cluster's first and last heartbeat. */
  record Extent(Instant first, Instant last) {}

  /** Both null when the cluster never sent a heartbeat. */
  @SqlQuery(
      """
      SELECT min(sent_at) AS first, max(sent_at) AS last FROM collector_heartbeat
      WHERE cluster = :cluster
      """)
  Extent extent(@Bind("cluster") String cluster);

  /** Each cluster's last heartbeat. */
  record Last(String cluster, Instant sentAt) {}

  @SqlQuery("SELECT cluster, max(sent_at) AS sent_at FROM collector_heartbeat GROUP BY cluster")
  List<Last> lastPerCluster();
}
