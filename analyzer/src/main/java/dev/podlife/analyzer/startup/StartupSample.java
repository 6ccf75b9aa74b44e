package dev.podlife.analyzer.startup;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

/**
 * One read of the pods a startup report covers: a scan of {@code pod_startup} streams each pod's
 * group key, whether it started (or why not) and its packed times ({@code packed_times}: one field
 * instead of ten transition columns; see migration V120) into {@link GroupStatistics}, which select
 * the percentiles in O(n) — one scan instead of one sort per transition and group.
 *
 * <p>A large table is read by {@code readers} connections at once, each scanning its own range of
 * the table's pages ({@code ctid}), all in one snapshot (exported by the first, imported by the
 * others, as pg_dump does): together they see each row exactly once, as one statement would.
 */
final class StartupSample {
  // few round trips: each is a wait for the other side on a busy machine (~6 MB a fetch)
  private static final int FETCH_SIZE = 50_000;

  /** Below this many pages (~20k pods) a second connection costs more than it saves. */
  private static final long PARALLEL_MIN_PAGES = 1_000;

  private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f-]+");

  /** Bits of {@code packed_times}' null bitmap. */
  private static final int CREATED = 0;

  private static final int SCHEDULED = 1;
  private static final int RUNNING = 2;
  private static final int WATCHED = 3;
  private static final int READY = 4;
  private static final int IMAGE_PULL = 5;
  private static final int INIT = 6;

  /** Per transition in {@link Transition#NAMES} order: its start and end time (-1: a duration). */
  private static final int[][] ENDS = {
    {CREATED, SCHEDULED}, // create_to_schedule
    {SCHEDULED, RUNNING}, // schedule_to_run
    {CREATED, RUNNING}, // create_to_run
    {RUNNING, WATCHED}, // run_to_watch
    {SCHEDULED, WATCHED}, // schedule_to_watch
    {CREATED, WATCHED}, // pod_startup
    {CREATED, READY}, // create_to_ready
    {RUNNING, READY}, // run_to_ready
    {IMAGE_PULL, -1}, // image_pull
    {INIT, -1} // init
  };

  /** Binary results (int8 as 8 bytes, no text to parse), which needs a server-side statement. */
  private static final StatementCustomizer BINARY =
      new StatementCustomizer() {
        @Override
        public void beforeExecution(PreparedStatement stmt, StatementContext ctx)
            throws SQLException {
          if (stmt.isWrapperFor(PGStatement.class)) {
            stmt.unwrap(PGStatement.class).setPrepareThreshold(-1);
          }
        }
      };

  private StartupSample() {}

  /**
   * The statement over the pages {@code [fromPage, toPage)} (-1: open): {@code where} and {@code
   * grouping} give fixed fragments, the pages are numbers.
   */
  static String sql(String where, Grouping grouping, long fromPage, long toPage) {
    return """
    SELECT p.cluster, %s AS group_key,
           CASE WHEN p.started THEN NULL ELSE coalesce(p.waiting_reason, 'Pending') END AS not_started,
           p.packed_times
    FROM pod_startup p WHERE %s%s%s\
    """
        .formatted(
            grouping == Grouping.CLUSTER ? "NULL::text" : grouping.expression,
            where,
            fromPage < 0 ? "" : " AND p.ctid >= '(" + fromPage + ",0)'::tid",
            toPage < 0 ? "" : " AND p.ctid < '(" + toPage + ",0)'::tid");
  }

  /** The groups of the pods {@code filter} selects, in PostgreSQL's order of (cluster, group). */
  static List<GroupStatistics> groups(
      Jdbi jdbi, StartupFilter filter, Grouping grouping, int readers) {
    String where = filter.whereClause();
    try (Handle first = jdbi.open()) {
      long pages =
          first
              .createQuery(
                  "SELECT pg_relation_size('pod_startup') / current_setting('block_size')::int")
              .mapTo(Long.class)
              .one();
      int n = pages < PARALLEL_MIN_PAGES ? 1 : Math.max(1, readers);
      first.begin();
      try {
        first.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        Map<String, Map<String, GroupStatistics>> groups;
        if (n == 1) {
          groups = read(first, sql(where, grouping, -1, -1), filter);
        } else {
          groups = readInParallel(jdbi, first, where, grouping, filter, pages, n);
        }
        List<GroupStatistics> ordered = ordered(first, grouping, groups);
        first.commit();
        return ordered;
      } finally {
        if (first.isInTransaction()) {
          first.rollback();
        }
      }
    }
  }

  private static Map<String, Map<String, GroupStatistics>> readInParallel(
      Jdbi jdbi,
      Handle first,
      String where,
      Grouping grouping,
      StartupFilter filter,
      long pages,
      int n) {
    String snapshot = first.createQuery("SELECT pg_export_snapshot()").mapTo(String.class).one();
    if (!SNAPSHOT_ID.matcher(snapshot).matches()) {
      throw new IllegalStateException("unexpected snapshot id from PostgreSQL: " + snapshot);
    }
    List<Thread> threads = new ArrayList<>();
    List<Map<String, Map<String, GroupStatistics>>> results = new ArrayList<>();
    List<RuntimeException> failures = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      long from = pages * i / n;
      long to = i == n - 1 ? -1 : pages * (i + 1) / n;
      int slot = i - 1;
      results.add(null);
      threads.add(
          Thread.ofPlatform()
              .name("startup-report-reader-" + i)
              .daemon()
              .start(
                  () -> {
                    try (Handle other = jdbi.open()) {
                      other.begin();
                      try {
                        other.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                        other.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
                        var part = read(other, sql(where, grouping, from, to), filter);
                        synchronized (results) {
                          results.set(slot, part);
                        }
                      } finally {
                        other.rollback();
                      }
                    } catch (RuntimeException e) {
                      synchronized (failures) {
                        failures.add(e);
                      }
                    }
                  }));
    }
    Map<String, Map<String, GroupStatistics>> groups =
        read(first, sql(where, grouping, 0, pages / n), filter);
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading the startup report", e);
      }
    }
    synchronized (failures) {
      if (!failures.isEmpty()) {
        throw failures.getFirst();
      }
    }
    synchronized (results) {
      for (var part : results) {
        part.forEach(
            (cluster, byKey) ->
                byKey.forEach(
                    (key, g) ->
                        groups
                            .computeIfAbsent(cluster, c -> new HashMap<>())
                            .merge(
                                key,
                                g,
                                (a, b) -> {
                                  a.addAll(b);
                                  return a;
                                })));
      }
    }
    return groups;
  }

  private static Map<String, Map<String, GroupStatistics>> read(
      Handle handle, String sql, StartupFilter filter) {
    Map<String, Map<String, GroupStatistics>> groups = new HashMap<>();
    handle
        .createQuery(sql)
        // the filter binds every value; the where clause names only those given
        .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
        .bindMethods(filter)
        .setFetchSize(FETCH_SIZE)
        .addCustomizer(BINARY)
        .scanResultSet(
            (supplier, ctx) -> {
              try (ResultSet rs = supplier.get()) {
                while (rs.next()) {
                  accumulate(rs, groups);
                }
              }
              return null;
            });
    return groups;
  }

  private static void accumulate(ResultSet rs, Map<String, Map<String, GroupStatistics>> groups)
      throws SQLException {
    String cluster = rs.getString(1);
    String read = rs.getString(2);
    String key = read == null ? cluster : read;
    GroupStatistics g =
        groups
            .computeIfAbsent(cluster, c -> new HashMap<>())
            .computeIfAbsent(key, k -> new GroupStatistics(cluster, k));
    g.pods++;
    String notStarted = rs.getString(3);
    if (notStarted == null) {
      g.started++;
    } else {
      g.notStarted.merge(notStarted, 1L, Long::sum);
    }
    byte[] packed = rs.getBytes(4);
    int nulls = ((packed[0] & 0xff) << 8) | (packed[1] & 0xff);
    for (int i = 0; i < ENDS.length; i++) {
      int from = ENDS[i][0];
      int to = ENDS[i][1];
      if ((nulls & (1 << from)) != 0 || (to >= 0 && (nulls & (1 << to)) != 0)) {
        continue;
      }
      g.transitions[i].add(
          to < 0 ? value(packed, from) : startupMs(value(packed, from), value(packed, to)));
    }
  }

  /** The {@code index}th int8 of {@code packed_times} (after the 2-byte bitmap). */
  private static long value(byte[] packed, int index) {
    return (long) INT8.get(packed, 2 + 8 * index);
  }

  private static final VarHandle INT8 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /**
   * SQL's {@code startup_ms} over two timestamps in microseconds: {@code round(extract(epoch FROM
   * to - from) * 1000)}, i.e. whole milliseconds rounded half away from zero, negative clamped to
   * 0.
   */
  static long startupMs(long fromMicros, long toMicros) {
    if (toMicros < fromMicros) {
      return 0;
    }
    return (Math.subtractExact(toMicros, fromMicros) + 500) / 1000;
  }

  /**
   * The groups labelled and sorted by PostgreSQL (its collation orders the text keys, as the report
   * always did); keys with one label become one group.
   */
  private static List<GroupStatistics> ordered(
      Handle handle, Grouping grouping, Map<String, Map<String, GroupStatistics>> groups) {
    List<String> clusters = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    groups.forEach(
        (cluster, byKey) ->
            byKey
                .keySet()
                .forEach(
                    k -> {
                      clusters.add(cluster);
                      keys.add(k);
                    }));
    if (clusters.isEmpty()) {
      return List.of();
    }
    Map<List<String>, GroupStatistics> labelled = new LinkedHashMap<>();
    handle
        .createQuery(
            """
            SELECT c, k, %s AS g FROM unnest(CAST(:clusters AS text[]), CAST(:keys AS text[])) AS u(c, k)
            ORDER BY c, g\
            """
                .formatted(grouping.label))
        .bind("clusters", clusters.toArray(String[]::new))
        .bind("keys", keys.toArray(String[]::new))
        .map(
            (rs, ctx) -> {
              GroupStatistics g = groups.get(rs.getString(1)).get(rs.getString(2));
              String label = rs.getString(3);
              labelled.merge(
                  List.of(g.cluster, label),
                  g.relabelled(label),
                  (a, b) -> {
                    a.addAll(b);
                    return a;
                  });
              return label;
            })
        .list();
    return List.copyOf(labelled.values());
  }
}
