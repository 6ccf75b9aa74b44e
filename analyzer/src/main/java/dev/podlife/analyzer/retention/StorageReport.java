package dev.podlife.analyzer.retention;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jdbi.v3.core.Handle;

/**
 * What the store holds, per UTC day and in all, and what retention did lately: the body of {@code
 * GET /api/v1/storage}. Counting facts and pods scans every fact partition (an index-only scan of
 * each day), so it costs about as much as reading the store's primary keys once.
 *
 * @param days every day partition, oldest first
 * @param totals the sums over the days, and the whole store's bytes with projections and indexes
 * @param oldestDay the oldest day kept (its partitions exist), or null when there is none
 * @param policy the retention the latest run applied, or null when retention never ran
 * @param lastRuns the latest runs, newest first (the one that dropped nothing, if newest, and the
 *     last ones that dropped days)
 */
public record StorageReport(
    List<DayUsage> days,
    Totals totals,
    LocalDate oldestDay,
    AppliedPolicy policy,
    List<RetentionRun> lastRuns) {
  /** Runs listed. */
  static final int RUNS = 10;

  /**
   * One UTC day.
   *
   * @param bytes the day's fact and pod_history partitions, indexes included
   * @param facts facts stored with their time on this day
   * @param pods distinct pods with a fact on this day
   */
  public record DayUsage(LocalDate day, long bytes, long facts, long pods) {}

  /**
   * @param partitionBytes the sum of the days' bytes
   * @param storeBytes the whole store: partitions, fact_key, dead letters and every projection
   * @param facts all facts
   * @param pods the pods the store knows (rows of {@code pod})
   */
  public record Totals(long partitionBytes, long storeBytes, long facts, long pods) {}

  /** The limits as the latest run recorded them (null: not set). */
  public record AppliedPolicy(Long retentionSeconds, Long maxStorageBytes) {}

  public static StorageReport read(Handle handle) {
    TreeMap<LocalDate, StoreSize.Day> sizes = StoreSize.days(handle);
    Map<LocalDate, long[]> counts = new TreeMap<>();
    handle
        .createQuery(
            """
            SELECT (at AT TIME ZONE 'UTC')::date AS day, count(*) AS facts, count(DISTINCT (cluster, pod_uid)) AS pods
            FROM fact GROUP BY 1
            """)
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getObject("day", LocalDate.class),
                    new long[] {rs.getLong("facts"), rs.getLong("pods")}))
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    List<DayUsage> days = new ArrayList<>();
    long bytes = 0;
    long facts = 0;
    for (Map.Entry<LocalDate, StoreSize.Day> day : sizes.entrySet()) {
      long[] c = counts.getOrDefault(day.getKey(), new long[2]);
      days.add(new DayUsage(day.getKey(), day.getValue().bytes(), c[0], c[1]));
      bytes += day.getValue().bytes();
      facts += c[0];
    }
    long pods = handle.createQuery("SELECT count(*) FROM pod").mapTo(Long.class).one();
    List<RetentionRun> runs =
        handle
            .createQuery(
                """
                SELECT * FROM retention_run
                WHERE id = (SELECT max(id) FROM retention_run)
                   OR id IN (SELECT id FROM retention_run WHERE partitions_dropped > 0 ORDER BY id DESC LIMIT :runs)
                ORDER BY id DESC
                """)
            .bind("runs", RUNS)
            .map((rs, ctx) -> run(rs))
            .list();
    AppliedPolicy policy =
        runs.isEmpty()
            ? null
            : new AppliedPolicy(
                runs.getFirst().retentionSeconds(), runs.getFirst().maxStorageBytes());
    return new StorageReport(
        days,
        new Totals(bytes, StoreSize.bytes(handle), facts, pods),
        sizes.isEmpty() ? null : sizes.firstKey(),
        policy,
        runs);
  }

  private static RetentionRun run(ResultSet rs) throws SQLException {
    List<LocalDate> days = new ArrayList<>();
    Array array = rs.getArray("days_dropped");
    for (Object d : (Object[]) array.getArray()) {
      days.add(((Date) d).toLocalDate());
    }
    return new RetentionRun(
        rs.getLong("id"),
        rs.getTimestamp("started_at").toInstant(),
        rs.getTimestamp("finished_at").toInstant(),
        rs.getObject("cutoff", LocalDate.class),
        rs.getString("reason"),
        (Long) rs.getObject("retention_seconds"),
        (Long) rs.getObject("max_storage_bytes"),
        rs.getInt("partitions_dropped"),
        days,
        rs.getInt("pods_forgotten"),
        rs.getInt("dead_letters_deleted"),
        rs.getLong("bytes_before"),
        rs.getLong("bytes_freed"),
        rs.getString("limit_not_met"));
  }
}
