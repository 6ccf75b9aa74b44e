package dev.podlife.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.jdbi.v3.core.Jdbi;

import com.zaxxer.hikari.HikariDataSource;

import dev.podlife.analyzer.startup.Grouping;
import dev.podlife.analyzer.startup.StartupFilter;
import dev.podlife.analyzer.startup.StartupReports;
import dev.podlife.embedded.Database;
import dev.podlife.embedded.LocalPostgres;

/**
 * Times the startup report over N generated pods (default 1,000,000) next to a plain {@code
 * percentile_disc} query over the same rows, in the same run and database: the report computes ten
 * transitions' p50/p90/p99, count, min, max and mean per group plus counts and not-started reasons,
 * the plain query one transition's three percentiles (the baseline: one statement, one sort, as
 * PostgreSQL plans it with the server's settings).
 *
 * <p>The report reads its pods in one scan (the packed times of migration V120) and selects the
 * percentiles in the analyzer; by default two connections read halves of the table in one snapshot.
 * The lines "on 1 connection" time the same report read on one connection, for comparison.
 *
 * <p>Uses {@code PODLIFE_BENCH_JDBC_URL} (+ {@code _USER}, {@code _PASSWORD}) — a scratch database:
 * its {@code pod_startup} table is emptied — else a throw-away embedded PostgreSQL.
 */
public final class StartupReportBench {
  private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  private static final int RUNS = 5;

  private StartupReportBench() {}

  /** The target: the report at most 1.5× one plain percentile_disc over the same rows. */
  public static final double TARGET_RATIO = 1.5;

  /**
   * Medians of {@value #RUNS} runs, in milliseconds.
   *
   * @param plainMs the baseline: one plain percentile_disc (three percentiles of one transition)
   * @param byClusterMs the report grouped by cluster, ten transitions
   * @param byDayMs the report grouped by day
   * @param byClusterSerialMs grouped by cluster, read on one connection
   * @param sloMs the startup SLO per cluster-day (+ worst 5)
   */
  public record Result(
      int pods,
      long generateMs,
      long plainMs,
      long byClusterMs,
      long byDayMs,
      long byClusterSerialMs,
      long byDaySerialMs,
      long sloMs) {
    public List<Figure> figures() {
      return List.of(
          figure("startup report (groupBy=cluster) vs percentile_disc", byClusterMs),
          figure("startup report (groupBy=day) vs percentile_disc", byDayMs));
    }

    private Figure figure(String name, long ms) {
      double ratio = (double) ms / Math.max(1, plainMs);
      return new Figure(
          name,
          ms + " ms",
          plainMs + " ms",
          String.format(Locale.ROOT, "%.2f×", ratio),
          "<= 1.5×",
          ratio <= TARGET_RATIO,
          String.format(
              Locale.ROOT,
              "%,d pods, median of %d; 10 transitions' p50/p90/p99+count/min/max/mean vs 1"
                  + " transition's 3 percentiles; 1 connection: cluster %d ms, day %d ms",
              pods,
              RUNS,
              byClusterSerialMs,
              byDaySerialMs));
    }
  }

  public static void main(String[] args) throws Exception {
    int pods = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
    String url = System.getenv("PODLIFE_BENCH_JDBC_URL");
    if (url != null && !url.isBlank()) {
      String user = System.getenv().getOrDefault("PODLIFE_BENCH_JDBC_USER", "podlife");
      try (HikariDataSource ds =
          Database.connect(url, user, System.getenv("PODLIFE_BENCH_JDBC_PASSWORD"))) {
        Database.migrate(ds);
        print(run(ds, pods, url, System.out), System.out);
      }
      return;
    }
    Path scratch = Files.createTempDirectory("podlife-bench-");
    try (LocalPostgres postgres = LocalPostgres.start(scratch.resolve("postgres"));
        HikariDataSource ds =
            Database.connect(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
      Database.migrate(ds);
      print(run(ds, pods, "embedded PostgreSQL", System.out), System.out);
    }
  }

  /**
   * Generates {@code pods} rows in {@code pod_startup} of the migrated database {@code ds} (emptied
   * first) and times the report and the baseline over them.
   */
  public static Result run(HikariDataSource ds, int pods, String where, PrintStream progress) {
    Jdbi jdbi = Jdbi.create(ds);
    String version =
        jdbi.withHandle(h -> h.createQuery("SHOW server_version").mapTo(String.class).one());
    progress.printf(
        "startup report benchmark: %,d pods, PostgreSQL %s (%s)%n", pods, version, where);
    long generating = System.nanoTime();
    generate(jdbi, pods);
    long generateMs = (System.nanoTime() - generating) / 1_000_000;
    progress.printf(Locale.ROOT, "startup: generated in %.1f s%n", generateMs / 1e3);

    Instant to = FROM.plusSeconds(30L * 86_400);
    StartupReports reports = new StartupReports(jdbi, Clock.systemUTC());
    StartupFilter window = new StartupFilter(null, null, null, null, FROM, to, null);
    Supplier<Object> plain =
        () ->
            jdbi.withHandle(
                h ->
                    h.createQuery(
                            """
                            SELECT percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY pod_startup_ms)
                            FROM pod_startup WHERE created >= :from AND created < :to\
                            """)
                        .bind("from", FROM)
                        .bind("to", to)
                        .mapTo(String.class)
                        .one());
    StartupReports serial = new StartupReports(jdbi, Clock.systemUTC(), 1);
    Supplier<Object> byCluster = () -> reports.report(window, Grouping.CLUSTER);
    Supplier<Object> byDay = () -> reports.report(window, Grouping.DAY);
    Supplier<Object> byClusterSerial = () -> serial.report(window, Grouping.CLUSTER);
    Supplier<Object> byDaySerial = () -> serial.report(window, Grouping.DAY);
    Supplier<Object> slo = () -> reports.slo(window, StartupReports.DEFAULT_SLO_THRESHOLD_MS, 5);

    List<Supplier<Object>> subjects =
        List.of(plain, byCluster, byDay, byClusterSerial, byDaySerial, slo);
    // warm-up: caches and plans, once each
    subjects.forEach(Supplier::get);
    List<List<Long>> times =
        subjects.stream().map(s -> (List<Long>) new ArrayList<Long>()).toList();
    for (int run = 0; run < RUNS; run++) {
      for (int i = 0; i < subjects.size(); i++) {
        long start = System.nanoTime();
        subjects.get(i).get();
        times.get(i).add((System.nanoTime() - start) / 1_000_000);
      }
    }
    progress.println(
        "startup: sample "
            + reports
                .report(window, Grouping.CLUSTER)
                .groups()
                .getFirst()
                .transitions()
                .get("pod_startup"));
    return new Result(
        pods,
        generateMs,
        median(times.get(0)),
        median(times.get(1)),
        median(times.get(2)),
        median(times.get(3)),
        median(times.get(4)),
        median(times.get(5)));
  }

  private static void print(Result r, PrintStream out) {
    out.printf(Locale.ROOT, "median of %d runs, same rows:%n", RUNS);
    out.printf(Locale.ROOT, "  plain percentile_disc(pod_startup_ms)     %6d ms%n", r.plainMs());
    print(out, "startup report groupBy=cluster, 10 trans.", r.byClusterMs(), r.plainMs());
    print(out, "startup report groupBy=day, 10 trans.", r.byDayMs(), r.plainMs());
    print(out, "  the same on 1 connection: groupBy=cluster", r.byClusterSerialMs(), r.plainMs());
    print(out, "  the same on 1 connection: groupBy=day", r.byDaySerialMs(), r.plainMs());
    print(out, "startup SLO per cluster-day (+ worst 5)", r.sloMs(), r.plainMs());
  }

  private static void print(PrintStream out, String what, long ms, long plainMs) {
    out.printf(
        Locale.ROOT,
        "  %-41s %6d ms  = %.1f× plain (%.2f× per transition)%n",
        what,
        ms,
        (double) ms / plainMs,
        (double) ms / plainMs / 10);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  /**
   * N pods over 30 days, two clusters, 50 namespaces, 200 nodes; ~0.5 % never start. Deterministic
   * (setseed).
   */
  private static void generate(Jdbi jdbi, int pods) {
    jdbi.useHandle(
        h -> {
          h.execute("TRUNCATE pod_startup");
          h.execute("SELECT setseed(0.42)");
          h.createUpdate(
                  """
                  INSERT INTO pod_startup (cluster, uid, namespace, name, workload_kind, workload_name, node, created,
                      scheduled, scheduled_by_event, initialized, running, ready, watched, image_pull_ms, init_ms,
                      stateless, waiting_reason, waiting_since, slo_eligible)
                  SELECT 'c' || (i % 2), 'uid-' || i, 'ns-' || (i % 50), 'pod-' || i, 'Deployment', 'app-' || (i % 500),
                         'node-' || (i % 200), created, scheduled, true, scheduled + init, running, running + ready,
                         running + watch, pull, extract(epoch FROM init)::bigint * 1000, i % 10 <> 0,
                         CASE WHEN running IS NULL THEN 'ImagePullBackOff' END,
                         CASE WHEN running IS NULL THEN scheduled END,
                         -- the projection's verdict for these rows: started and stateless (none is unschedulable)
                         running IS NOT NULL AND i % 10 <> 0
                  FROM (
                    SELECT i, created, scheduled, init, watch, ready, pull,
                           CASE WHEN i % 200 = 0 THEN NULL
                                ELSE date_trunc('second', scheduled + init + pull * interval '1 ms'
                                                          + random() * interval '3 s') END AS running
                    FROM (
                      SELECT i, created, created + random() * interval '2 s' AS scheduled,
                             CASE WHEN i % 3 = 0 THEN date_trunc('second', random() * interval '4 s') ELSE interval '0' END AS init,
                             random() * interval '1500 ms' AS watch, random() * interval '10 s' AS ready,
                             (random() * random() * 20000)::bigint AS pull
                      FROM (SELECT i, CAST(:from AS timestamptz) + (i::float8 / :pods) * interval '30 days' AS created
                            FROM generate_series(1, :pods) AS i) base
                    ) times
                  ) pods
                  """)
              .bind("from", FROM)
              .bind("pods", pods)
              .execute();
          h.execute("ANALYZE pod_startup");
        });
  }
}
