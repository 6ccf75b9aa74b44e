package dev.podlife.analyzer.coverage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code collector_heartbeat} table. */
@RegisterConstructorMapper(HeartbeatRows.Beat.class)
@RegisterConstructorMapper(HeartbeatRows.Extent.class)
@RegisterConstructorMapper(HeartbeatRows.Last.class)
@RegisterConstructorMapper(Gap.class)
interface HeartbeatRows {

  /**
   * Serializes the gap upkeep of {@code cluster} until the transaction ends: two analyzers storing
   * heartbeats of one cluster at once (a rebalance) would each re-derive the pairs around their own
   * heartbeat without seeing the other's.
   */
  @SqlQuery(
      "SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('podlife.coverage_gap ' || :cluster,"
          + " 0))")
  int lockGaps(@Bind("cluster") String cluster);

  /** A heartbeat instant with the largest interval of its rows; {@code self}: the one asked for. */
  record Neighbour(Instant sentAt, long intervalMs, boolean self) {
    Beat beat() {
      return new Beat(sentAt, intervalMs);
    }
  }

  /**
   * The heartbeat instant of {@code cluster} at {@code at}, and the nearest before and after it, in
   * time order. {@code self} marks the one at {@code at}, compared by the server: it keeps
   * microseconds, {@code at} may have nanoseconds.
   */
  @SqlQuery(
      """
      SELECT sent_at, max((extract(epoch FROM heartbeat_interval) * 1000)::bigint) AS interval_ms,
             sent_at = :at AS self
      FROM collector_heartbeat
      WHERE cluster = :cluster AND sent_at IN (
        :at,
        (SELECT max(sent_at) FROM collector_heartbeat WHERE cluster = :cluster AND sent_at < :at),
        (SELECT min(sent_at) FROM collector_heartbeat WHERE cluster = :cluster AND sent_at > :at))
      GROUP BY sent_at
      ORDER BY sent_at
      """)
  @RegisterConstructorMapper(Neighbour.class)
  List<Neighbour> instantsAround(@Bind("cluster") String cluster, @Bind("at") Instant at);

  @SqlUpdate("DELETE FROM coverage_gap WHERE cluster = :cluster AND from_at = :from")
  void deleteGapFrom(@Bind("cluster") String cluster, @Bind("from") Instant from);

  @SqlUpdate("INSERT INTO coverage_gap (cluster, from_at, to_at) VALUES (:cluster, :from, :to)")
  void insertGap(
      @Bind("cluster") String cluster, @Bind("from") Instant from, @Bind("to") Instant to);

  /** The stored gaps of {@code cluster} overlapping {@code (from, to)}, in time order. */
  @SqlQuery(
      """
      SELECT from_at AS "from", to_at AS "to", false AS ongoing FROM coverage_gap
      WHERE cluster = :cluster AND from_at < :to AND to_at > :from
      ORDER BY from_at
      """)
  List<Gap> gapsOverlapping(
      @Bind("cluster") String cluster, @Bind("from") Instant from, @Bind("to") Instant to);

  /** The cluster's last heartbeat instant, with the largest interval of its rows. */
  @SqlQuery(
      """
      SELECT sent_at, max((extract(epoch FROM heartbeat_interval) * 1000)::bigint) AS interval_ms
      FROM collector_heartbeat
      WHERE cluster = :cluster
        AND sent_at = (SELECT max(sent_at) FROM collector_heartbeat WHERE cluster = :cluster)
      GROUP BY sent_at
      """)
  Optional<Beat> lastInstant(@Bind("cluster") String cluster);

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
   * The heartbeat instants of {@code cluster} that decide the coverage of {@code [from, to]}, each
   * with the largest interval of its rows (two instances at one instant, a leadership hand-over,
   * are one observation), in time order: those inside it, the last before and the first after it.
   */
  @SqlQuery(
      """
      SELECT sent_at, max((extract(epoch FROM heartbeat_interval) * 1000)::bigint) AS interval_ms
      FROM collector_heartbeat
      WHERE cluster = :cluster
        AND sent_at >= coalesce(
          (SELECT max(sent_at) FROM collector_heartbeat WHERE cluster = :cluster AND sent_at < :from),
          :from)
        AND sent_at <= coalesce(
          (SELECT min(sent_at) FROM collector_heartbeat WHERE cluster = :cluster AND sent_at > :to),
          :to)
      GROUP BY sent_at
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
