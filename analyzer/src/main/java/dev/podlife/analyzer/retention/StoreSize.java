package dev.podlife.analyzer.retention;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.jdbi.v3.core.Handle;

/**
 * Sizes of the store as PostgreSQL reports them ({@code pg_total_relation_size}: heap, TOAST and
 * indexes): per UTC-day partition and in all. "The store" is every table of the schema but the
 * alerting tables, the run log and Flyway's history: fact and pod_history partitions, fact_key,
 * dead_letter and every projection, including one added later.
 */
final class StoreSize {
  private StoreSize() {}

  /** A day's partitions of fact and pod_history: how many tables and their bytes. */
  record Day(int tables, long bytes) {}

  private static final String PARTITIONS =
      """
      SELECT to_date(substring(c.relname FROM '_p([0-9]{8})$'), 'YYYYMMDD') AS day,
             count(*) AS tables, sum(pg_total_relation_size(c.oid)) AS bytes
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent IN ('fact'::regclass, 'pod_history'::regclass)
        AND c.relname ~ '^(fact|pod_history)_p[0-9]{8}$'
      GROUP BY 1
      ORDER BY 1
      """;

  /** The tables that count as the store (see the class comment). */
  static final String STORE_TABLES =
      """
      SELECT c.oid FROM pg_class c
      WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
        AND c.relname NOT LIKE 'alert%' AND c.relname NOT IN ('retention_run', 'flyway_schema_history')
      """;

  /** The day partitions, oldest first. */
  static TreeMap<LocalDate, Day> days(Handle handle) {
    TreeMap<LocalDate, Day> days = new TreeMap<>();
    handle
        .createQuery(PARTITIONS)
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getObject("day", LocalDate.class),
                    new Day(rs.getInt("tables"), rs.getLong("bytes"))))
        .forEach(e -> days.put(e.getKey(), e.getValue()));
    return days;
  }

  /** The whole store's bytes. */
  static long bytes(Handle handle) {
    return handle
        .createQuery(
            "SELECT coalesce(sum(pg_total_relation_size(oid)), 0) FROM (" + STORE_TABLES + ") t")
        .mapTo(Long.class)
        .one();
  }
}
