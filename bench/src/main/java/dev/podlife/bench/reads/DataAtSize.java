package dev.podlife.bench.reads;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import dev.podlife.analyzer.store.FactStore;
import dev.podlife.analyzer.store.SourcedFact;
import dev.podlife.bench.data.RecordedPods;
import dev.podlife.events.Fact;

/**
 * The reads benchmark's database at size: {@value #SEED_PODS} realistic pods (recorded lives plus a
 * flaky readiness probe's Event updates, ~50 facts a pod on average) stored through the real
 * analyzer ({@link FactStore#append}) on the first day of a 30-day window ending today, then
 * replicated server-side ({@code INSERT … SELECT} per table, generic over the schema) with new
 * uids, names and times spread over the 30 days, for {@code fact}, {@code fact_key}, {@code
 * pod_history}, {@code pod} and every projection table. Secondary indexes are dropped during the
 * copy and built again after, then every table is analyzed. The collector's heartbeats of the
 * window (one outage a day) come beside them.
 */
final class DataAtSize {
  static final int SEED_PODS = 300;
  static final String CLUSTER = "prod";
  private static final Duration WINDOW = Duration.ofDays(30);

  /** Copies per statement: bounds a statement's duration, so that progress can be shown. */
  private static final int COPIES_PER_STATEMENT = 25;

  private DataAtSize() {}

  /** What was generated. */
  record Generated(
      long facts,
      long pods,
      long historyRows,
      Instant from,
      Instant to,
      Map<String, Long> rows,
      double seconds) {}

  static Generated generate(Jdbi jdbi, int pods, PrintStream progress) {
    long started = System.nanoTime();
    Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    Instant from = to.minus(WINDOW);
    RecordedPods recorded = RecordedPods.load();
    List<SourcedFact> seed = new ArrayList<>();
    long spacing = Duration.ofDays(1).toMillis() / SEED_PODS;
    for (int n = 0; n < SEED_PODS; n++) {
      List<Fact> life = recorded.pod(CLUSTER, n, from.plusMillis(n * spacing));
      // 0..72 readiness failures, 36 on average: ~50 facts a pod with the recorded ~14
      int failures = (n * 37) % 73;
      recorded.withFailingReadiness(CLUSTER, life, failures).stream()
          .map(SourcedFact::offline)
          .forEach(seed::add);
    }
    FactStore store = new FactStore(jdbi, Clock.systemUTC());
    for (int i = 0; i < seed.size(); i += 500) {
      store.append(seed.subList(i, Math.min(seed.size(), i + 500)));
    }
    progress.printf(
        Locale.ROOT,
        "reads: seeded %,d facts of %d recorded pods through FactStore.append in %.1f s%n",
        seed.size(),
        SEED_PODS,
        (System.nanoTime() - started) / 1e9);
    int copies = Math.max(0, pods / SEED_PODS - 1);
    jdbi.useHandle(h -> replicate(h, copies, from, progress));
    jdbi.useHandle(h -> heartbeats(h, from));
    Map<String, Long> rows = new LinkedHashMap<>();
    jdbi.useHandle(
        h -> {
          for (String table : tables(h)) {
            rows.put(table, h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
          }
        });
    double seconds = (System.nanoTime() - started) / 1e9;
    progress.printf(Locale.ROOT, "reads: generated in %.0f s: %s%n", seconds, rows);
    return new Generated(
        rows.getOrDefault("fact", 0L),
        rows.getOrDefault("pod", 0L),
        rows.getOrDefault("pod_history", 0L),
        from,
        to,
        rows,
        seconds);
  }

  /**
   * The collector's heartbeats over the window till now, every 10 s, but for a ten-minute outage
   * every day at 03:00 (UTC), and those outages' gaps: what a pod's history reads for its "not
   * observed" entries. Inserted directly (a quarter of a million one by one through the store would
   * take minutes); the gap rows are the outages by construction.
   */
  private static void heartbeats(Handle h, Instant from) {
    h.createUpdate(
            """
            INSERT INTO collector_heartbeat
              (cluster, sent_at, instance, heartbeat_interval, started_at, resumed, received_at)
            SELECT :cluster, t, 'collector-0', interval '10 seconds', :from, false, t
            FROM generate_series(CAST(:from AS timestamptz), now(), interval '10 seconds') t
            WHERE (t AT TIME ZONE 'UTC')::time NOT BETWEEN '03:00' AND '03:10'
            """)
        .bind("cluster", CLUSTER)
        .bind("from", from)
        .execute();
    h.createUpdate(
            """
            INSERT INTO coverage_gap (cluster, from_at, to_at)
            SELECT :cluster, d + interval '02:59:50', d + interval '03:10:10'
            FROM generate_series(CAST(:from AS timestamptz), now() - interval '03:10:10',
                                 interval '1 day') d
            """)
        .bind("cluster", CLUSTER)
        .bind("from", from)
        .execute();
    h.execute("ANALYZE collector_heartbeat");
    h.execute("ANALYZE coverage_gap");
  }

  /** The tables holding podlife's rows (Flyway's and the alerting configuration aside). */
  static List<String> tables(Handle h) {
    return h.createQuery(
            """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND c.relname <> 'flyway_schema_history'
            ORDER BY c.relname
            """)
        .mapTo(String.class)
        .list();
  }

  /** The tables ordered so that a table another references by foreign key comes before it. */
  private static List<String> referencedFirst(Handle h, List<String> tables) {
    List<Map<String, Object>> references =
        h.createQuery(
                """
                SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
                FROM pg_constraint c WHERE c.contype = 'f'
                """)
            .mapToMap()
            .list();
    List<String> ordered = new ArrayList<>();
    List<String> pending = new ArrayList<>(tables);
    while (!pending.isEmpty()) {
      int before = pending.size();
      for (String table : List.copyOf(pending)) {
        boolean ready =
            references.stream()
                .filter(r -> table.equals(r.get("child")))
                .map(r -> (String) r.get("parent"))
                .allMatch(parent -> parent.equals(table) || !pending.contains(parent));
        if (ready) {
          ordered.add(table);
          pending.remove(table);
        }
      }
      if (pending.size() == before) {
        ordered.addAll(pending); // a cycle: leave the rest as they are
        break;
      }
    }
    return ordered;
  }

  private record Column(String name, String type, boolean generated, String defaultValue) {}

  private static void replicate(Handle h, int copies, Instant from, PrintStream progress) {
    if (copies == 0) {
      return;
    }
    long started = System.nanoTime();
    h.execute("SET synchronous_commit = off");
    h.execute("SET maintenance_work_mem = '512MB'");
    long stride =
        h.createQuery("SELECT coalesce(max(id), 0) + 1 FROM fact").mapTo(Long.class).one();
    // every day of the window gets its partitions (one call a day: few locks per transaction)
    LocalDate first = from.atZone(ZoneOffset.UTC).toLocalDate();
    for (LocalDate day = first;
        day.isBefore(first.plus(WINDOW.toDays() + 1, ChronoUnit.DAYS));
        day = day.plusDays(1)) {
      h.createQuery("SELECT podlife_ensure_partitions(:day, :day)")
          .bind("day", day)
          .mapTo(Integer.class)
          .one();
    }
    // copy c is shifted by c/(copies+1) of 29 days: the copies fill the window evenly
    String shift =
        "(g.c * " + (WINDOW.minusDays(1).toSeconds() / (copies + 1)) + ") * interval '1 second'";
    List<String> indexes =
        h.createQuery(
                """
                SELECT pg_get_indexdef(i.indexrelid) || ';' || c.relname || '.' || ic.relname
                FROM pg_index i
                  JOIN pg_class c ON c.oid = i.indrelid
                  JOIN pg_class ic ON ic.oid = i.indexrelid
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND NOT c.relispartition AND NOT ic.relispartition
                  AND c.relname <> 'flyway_schema_history'
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                """)
            .mapTo(String.class)
            .list();
    for (String index : indexes) {
      h.execute("DROP INDEX " + index.substring(index.lastIndexOf('.') + 1));
    }
    for (String table : referencedFirst(h, tables(h))) {
      if (table.equals("fact_key") || table.startsWith("alert") || table.equals("dead_letter")) {
        continue; // fact_key from the copied facts, below; alerting and dead letters: not per pod
      }
      List<Column> columns =
          h.createQuery(
                  """
                  SELECT column_name, data_type, is_generated = 'ALWAYS' OR is_identity = 'YES' AS generated,
                         column_default
                  FROM information_schema.columns
                  WHERE table_schema = current_schema() AND table_name = :table
                  ORDER BY ordinal_position
                  """)
              .bind("table", table)
              .map(
                  (rs, ctx) ->
                      new Column(
                          rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)))
              .list();
      boolean perPod =
          columns.stream().anyMatch(c -> c.name().equals("pod_uid") || c.name().equals("uid"));
      if (!perPod) {
        continue; // alerting configuration, dead letters: not per pod
      }
      List<String> names = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (Column c : columns) {
        String value = valueOf(table, c, shift, stride);
        if (value != null) {
          names.add(c.name());
          values.add(value);
        }
      }
      String sql =
          "INSERT INTO "
              + table
              + " ("
              + String.join(", ", names)
              + ") SELECT "
              + String.join(", ", values)
              + " FROM seed_"
              + table
              + " t CROSS JOIN generate_series(:first, :last) AS g(c)";
      long tableStart = System.nanoTime();
      // the seed rows, kept apart: every copy reads them, not the growing table
      h.execute("CREATE TEMP TABLE seed_" + table + " AS SELECT * FROM " + table);
      for (int c = 1; c <= copies; c += COPIES_PER_STATEMENT) {
        h.createUpdate(sql)
            .bind("first", c)
            .bind("last", Math.min(copies, c + COPIES_PER_STATEMENT - 1))
            .execute();
      }
      progress.printf(
          Locale.ROOT,
          "reads: %s x %d copies in %.1f s%n",
          table,
          copies,
          (System.nanoTime() - tableStart) / 1e9);
    }
    h.execute(
        "INSERT INTO fact_key (key, at) SELECT podlife_fact_key(cluster, pod_uid, fact_type,"
            + " subject, resource_version), at FROM fact WHERE id >= "
            + stride);
    h.execute("SELECT setval('fact_id_seq', (SELECT max(id) FROM fact))");
    long indexing = System.nanoTime();
    for (String index : indexes) {
      // a partitioned table's index reads "ON ONLY parent": built again on every partition too
      h.execute(index.substring(0, index.lastIndexOf(';')).replace(" ON ONLY ", " ON "));
    }
    progress.printf(
        Locale.ROOT,
        "reads: %d secondary indexes built again in %.1f s%n",
        indexes.size(),
        (System.nanoTime() - indexing) / 1e9);
    h.execute("ANALYZE");
    progress.printf(
        Locale.ROOT,
        "reads: replicated x%d in %.0f s%n",
        copies + 1,
        (System.nanoTime() - started) / 1e9);
  }

  /** The copy's value of a column, or null to leave it to its default (generated, serial). */
  private static String valueOf(String table, Column c, String shift, long stride) {
    if (c.generated()) {
      return null;
    }
    String col = "t." + c.name();
    if (c.name().equals("id")) {
      if (table.equals("fact")) {
        return col + " + g.c * " + stride + "::bigint";
      }
      if (c.defaultValue() != null && c.defaultValue().startsWith("nextval")) {
        return null;
      }
    }
    if (c.name().endsWith("fact_id")) {
      return col + " + g.c * " + stride + "::bigint";
    }
    if (c.name().equals("pod_uid") || c.name().equals("uid")) {
      return col + " || '-r' || g.c";
    }
    if (c.name().equals("pod_name") || c.name().equals("name")) {
      return col + " || '-r' || g.c";
    }
    return switch (c.type()) {
      case "timestamp with time zone" -> col + " + " + shift;
      case "date" -> "(" + col + " + " + shift + ")::date";
      default -> col;
    };
  }
}
