package dev.podlife.bench.reads;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import com.zaxxer.hikari.HikariDataSource;

import dev.podlife.api.ApiConfig;
import dev.podlife.api.ApiServer;
import dev.podlife.api.auth.ApiTokens;
import dev.podlife.api.auth.GeneratedToken;
import dev.podlife.api.auth.Role;
import dev.podlife.bench.BenchDatabases;
import dev.podlife.bench.Figure;

/**
 * Reads at size: on a database of {@link DataAtSize}, the real API (the {@link ApiServer} wiring of
 * {@code podlife api}, a read token) serves per-pod histories of random pods over HTTP, timed
 * against the same rows read by plain JDBC in the same run; then a second API server, whose
 * connections load {@code auto_explain} (ANALYZE, BUFFERS; plans sent to the client as notices,
 * captured by a JDBI {@link SqlLogger}), answers the pod list (first and a later keyset page), a
 * pod, its history and every report route once, and each statement's plan is checked for a
 * sequential scan of a large table.
 *
 * <p>Every report is asked twice: for one day ({@code from}/{@code to}), where it must stay on
 * indexes, and without a window, which the API documents as the whole store: those statements may
 * read their tables whole, and their sequential scans are listed apart, not hidden. The lists, a
 * pod and the histories are pages: they must stay on indexes without a window.
 */
public final class ReadsBench {
  static final double TARGET_P99_MILLIS = 5.0;
  private static final int WARMUP = 300;
  private static final int REQUESTS = 2_000;

  /** A sequential scan of one of these (or a partition of one) is not index-bound. */
  private static final Pattern LARGE_TABLE =
      Pattern.compile(
          "^(fact|fact_key|pod_history|pod|pod_startup|termination|crash_loop_episode|probe_\\w+|"
              + "shutdown_\\w+)(_p\\d{8})?$");

  /** The report routes: asked for one day, and without a window (the whole store). */
  private static final List<String> REPORTS =
      List.of(
          "/api/v1/reports/startup",
          "/api/v1/reports/startup/slo",
          "/api/v1/reports/probes",
          "/api/v1/reports/shutdown",
          "/api/v1/reports/terminations",
          "/api/v1/reports/audit");

  private static final Pattern SEQ_SCAN =
      Pattern.compile("Seq Scan on (\\w+)(?: \\w+)?\\s+\\(cost=[^)]*\\)( \\(never executed\\))?");
  private static final Pattern NEXT_CURSOR = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"");

  private static final String HISTORY_BY_JDBC =
      """
      SELECT h.at, h.fact_type AS type, h.subject, h.summary, h.status, h.ready, h.restarts, h.fact_id,
             f.payload::text AS fact
      FROM pod_history h
        JOIN fact f ON f.cluster = h.cluster AND f.pod_uid = h.pod_uid AND f.at = h.at AND f.id = h.fact_id
      WHERE h.cluster = ? AND h.pod_uid = ?
      ORDER BY h.at, h.fact_id
      LIMIT 1001
      """;

  private static final String AUTO_EXPLAIN =
      "LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze ="
          + " on; SET auto_explain.log_buffers = on; SET auto_explain.log_nested_statements = on;"
          + " SET auto_explain.log_level = notice; SET client_min_messages = notice";

  private ReadsBench() {}

  /**
   * One statement the API ran for a route, its plan, and whether it stays on indexes.
   *
   * @param wholeStore a report asked without a window: it covers the whole store, so reading its
   *     tables whole is what was asked for (its sequential scans are shown, not counted)
   */
  public record Plan(
      String route, String sql, String plan, List<String> seqScans, boolean wholeStore) {
    public boolean indexBound() {
      return seqScans.isEmpty();
    }

    /** Whether this statement must stay on indexes: all but a whole-store report's. */
    public boolean mustBeIndexBound() {
      return !wholeStore;
    }
  }

  /** The figures of one run. */
  public record Result(
      DataAtSize.Generated data,
      long[] httpNanos,
      long[] jdbcNanos,
      double historyRowsAverage,
      List<Plan> plans,
      List<String> routeStatuses) {
    public double httpP50() {
      return percentile(httpNanos, 50);
    }

    public double httpP99() {
      return percentile(httpNanos, 99);
    }

    public double jdbcP50() {
      return percentile(jdbcNanos, 50);
    }

    public double jdbcP99() {
      return percentile(jdbcNanos, 99);
    }

    public List<Figure> figures() {
      List<Plan> checked = plans.stream().filter(Plan::mustBeIndexBound).toList();
      long bound = checked.stream().filter(Plan::indexBound).count();
      List<String> unbound =
          checked.stream()
              .filter(p -> !p.indexBound())
              .map(p -> p.route() + " " + p.seqScans())
              .toList();
      List<String> wholeStore =
          plans.stream()
              .filter(p -> !p.mustBeIndexBound() && !p.indexBound())
              .map(p -> p.route() + " " + p.seqScans())
              .distinct()
              .toList();
      return List.of(
          new Figure(
              "reads: per-pod history p99 over HTTP",
              String.format(Locale.ROOT, "%.2f ms", httpP99()),
              String.format(Locale.ROOT, "%.2f ms JDBC", jdbcP99()),
              String.format(Locale.ROOT, "%.1f×", httpP99() / jdbcP99()),
              "<= 5 ms",
              httpP99() <= TARGET_P99_MILLIS,
              String.format(
                  Locale.ROOT,
                  "%,d facts / %,d pods (generated in %.0f s); %,d random pods, %.0f rows each on"
                      + " average; p50 %.2f ms (JDBC %.2f ms)",
                  data.facts(),
                  data.pods(),
                  data.seconds(),
                  httpNanos.length,
                  historyRowsAverage,
                  httpP50(),
                  jdbcP50())),
          new Figure(
              "reads: pod list pages and reports index-bound",
              bound + " of " + checked.size() + " statements",
              "EXPLAIN ANALYZE",
              bound == checked.size() ? "all" : (checked.size() - bound) + " seq scans",
              "no Seq Scan on a large table (reports: for one day)",
              bound == checked.size() && !checked.isEmpty(),
              (unbound.isEmpty()
                      ? "plans in RESULTS.md"
                      : "seq scans: " + String.join("; ", unbound))
                  + (wholeStore.isEmpty()
                      ? ""
                      : "; not counted, reports without a window (the whole store, as"
                          + " documented) read whole: "
                          + String.join("; ", wholeStore))));
    }

    /** The plans as Markdown, for the results file. */
    public List<String> markdown() {
      List<String> out = new ArrayList<>();
      out.add("Routes answered: " + String.join(", ", routeStatuses) + "\n");
      for (Plan p : plans) {
        out.add(
            "### "
                + p.route()
                + (p.indexBound()
                    ? " — index-bound"
                    : p.mustBeIndexBound()
                        ? " — SEQ SCAN " + p.seqScans()
                        : " — whole store (no window asked), reads whole: " + p.seqScans())
                + "\n\n```sql\n"
                + p.sql().strip()
                + "\n```\n\n```\n"
                + p.plan().strip()
                + "\n```\n");
      }
      return out;
    }
  }

  public static Result run(BenchDatabases databases, int pods, PrintStream progress)
      throws Exception {
    try (HikariDataSource db = databases.fresh("reads")) {
      DataAtSize.Generated data = DataAtSize.generate(Jdbi.create(db), pods, progress);
      GeneratedToken token = GeneratedToken.generate("bench", Role.READ);
      List<String[]> sample =
          Jdbi.create(db)
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT cluster, uid FROM pod ORDER BY random() LIMIT "
                                  + (WARMUP + REQUESTS))
                          .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                          .list());
      HttpClient http = HttpClient.newHttpClient();
      long[] httpNanos;
      long rows = 0;
      try (HikariDataSource apiPool = databases.connectTo("reads");
          ApiServer api = start(apiPool, token)) {
        progress.printf(
            "reads: api at %s, %,d requests after %d warm-up%n", api.url(), REQUESTS, WARMUP);
        httpNanos = new long[REQUESTS];
        for (int i = 0; i < sample.size(); i++) {
          String[] pod = sample.get(i);
          long start = System.nanoTime();
          HttpResponse<String> response =
              get(http, api.url() + "/api/v1/pods/" + enc(pod[1]) + "/history", token);
          long took = System.nanoTime() - start;
          if (response.statusCode() != 200) {
            throw new IllegalStateException(
                "GET history of "
                    + pod[1]
                    + " answered "
                    + response.statusCode()
                    + ": "
                    + response.body());
          }
          if (i >= WARMUP) {
            httpNanos[i - WARMUP] = took;
            rows += count(response.body(), "\"fact_id\"") + count(response.body(), "\"factId\"");
          }
        }
      }
      long[] jdbcNanos = new long[REQUESTS];
      try (Connection c = db.getConnection();
          PreparedStatement st = c.prepareStatement(HISTORY_BY_JDBC)) {
        // the API's statement (HistoryRows.page) on one connection, prepared by PgJDBC as the API's
        // pooled connections prepare it after a few uses: the floor under the HTTP figure
        for (int i = 0; i < sample.size(); i++) {
          String[] pod = sample.get(i);
          long start = System.nanoTime();
          st.setString(1, pod[0]);
          st.setString(2, pod[1]);
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              rs.getString(9);
            }
          }
          if (i >= WARMUP) {
            jdbcNanos[i - WARMUP] = System.nanoTime() - start;
          }
        }
      }
      Result partial =
          new Result(data, httpNanos, jdbcNanos, (double) rows / REQUESTS, List.of(), List.of());
      progress.printf(
          Locale.ROOT,
          "reads: history over HTTP p50 %.2f ms p99 %.2f ms; JDBC p50 %.2f ms p99 %.2f ms%n",
          partial.httpP50(),
          partial.httpP99(),
          partial.jdbcP50(),
          partial.jdbcP99());
      List<String> statuses = new ArrayList<>();
      List<Plan> plans =
          explain(databases, db, data, sample.getFirst(), token, http, statuses, progress);
      return new Result(data, httpNanos, jdbcNanos, (double) rows / REQUESTS, plans, statuses);
    }
  }

  private static ApiServer start(HikariDataSource pool, GeneratedToken token) {
    return start(Jdbi.create(pool), token);
  }

  private static ApiServer start(Jdbi jdbi, GeneratedToken token) {
    return ApiServer.start(
        new ApiConfig(
            "127.0.0.1", 0, ApiTokens.of(token.entry()), ApiConfig.DEFAULT_MAX_REQUEST_BYTES),
        jdbi,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        () -> true,
        Clock.systemUTC());
  }

  /** Every read route once on an API whose statements are explained by auto_explain. */
  private static List<Plan> explain(
      BenchDatabases databases,
      HikariDataSource db,
      DataAtSize.Generated data,
      String[] pod,
      GeneratedToken token,
      HttpClient http,
      List<String> statuses,
      PrintStream progress)
      throws Exception {
    Map<String, String> some =
        Jdbi.create(db)
            .withHandle(
                h ->
                    h.createQuery(
                            """
                            SELECT namespace, name, coalesce(node, '') AS node,
                                   coalesce(workload_kind, '') AS kind, coalesce(workload_name, '') AS workload
                            FROM pod WHERE cluster = :cluster AND uid = :uid
                            """)
                        .bind("cluster", pod[0])
                        .bind("uid", pod[1])
                        .mapToMap(String.class)
                        .one());
    List<Plan> plans = new ArrayList<>();
    String[] route = {""};
    boolean[] wholeStore = {false};
    try (HikariDataSource explaining = databases.connectTo("reads")) {
      // every connection the API takes loads auto_explain (the plan of each statement, with actual
      // rows and buffers, sent to the client as a notice: the statement's warnings)
      Jdbi jdbi =
          Jdbi.create(
              () -> {
                Connection c = explaining.getConnection();
                try (Statement s = c.createStatement()) {
                  s.execute(AUTO_EXPLAIN);
                }
                return c;
              });
      jdbi.setSqlLogger(
          new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext ctx) {
              plans.add(planOf(route[0], wholeStore[0], ctx, explaining));
            }
          });
      jdbi.useHandle(h -> {}); // the pool's first connection, before any route
      String uid = enc(pod[1]);
      List<String> routes =
          new ArrayList<>(
              List.of(
                  "/api/v1/pods",
                  "/api/v1/pods/" + uid,
                  "/api/v1/pods/" + uid + "/history",
                  "/api/v1/pods/" + uid + "/startup",
                  "/api/v1/namespaces/"
                      + enc(some.get("namespace"))
                      + "/pods/"
                      + enc(some.get("name"))
                      + "/history",
                  "/api/v1/terminations",
                  "/api/v1/crash-loops"));
      // each report for one day with data (two days before the end), then for the whole store
      String day =
          "?from="
              + data.to().minus(Duration.ofDays(3))
              + "&to="
              + data.to().minus(Duration.ofDays(2));
      for (String report : REPORTS) {
        routes.add(report + day);
      }
      routes.addAll(REPORTS);
      if (!some.get("node").isEmpty()) {
        routes.add("/api/v1/nodes/" + enc(some.get("node")) + "/history");
      }
      if (!some.get("kind").isEmpty()) {
        routes.add(
            "/api/v1/workloads/"
                + enc(some.get("kind"))
                + "/"
                + enc(some.get("namespace"))
                + "/"
                + enc(some.get("workload"))
                + "/history");
      }
      try (ApiServer api = start(jdbi, token)) {
        for (int i = 0; i < routes.size(); i++) {
          String path = routes.get(i);
          route[0] = "GET " + path;
          wholeStore[0] = REPORTS.contains(path);
          HttpResponse<String> response = get(http, api.url() + path, token);
          statuses.add("`GET " + path + "` " + response.statusCode());
          if (i == 0) {
            // a later keyset page of the pod list
            Matcher next = NEXT_CURSOR.matcher(response.body());
            if (next.find()) {
              String later = "/api/v1/pods?cursor=" + enc(next.group(1));
              route[0] = "GET " + later + " (second page)";
              wholeStore[0] = false;
              HttpResponse<String> second = get(http, api.url() + later, token);
              statuses.add("`GET /api/v1/pods?cursor=…` " + second.statusCode());
            }
          }
        }
      }
    }
    progress.printf(
        "reads: %d statements explained over %d routes; %d not index-bound%n",
        plans.size(), statuses.size(), plans.stream().filter(p -> !p.indexBound()).count());
    return plans;
  }

  private static Plan planOf(
      String route, boolean wholeStore, StatementContext ctx, HikariDataSource pool) {
    StringBuilder plan = new StringBuilder();
    try {
      for (SQLWarning w = ctx.getStatement().getWarnings(); w != null; w = w.getNextWarning()) {
        plan.append(w.getMessage()).append('\n');
      }
    } catch (SQLException e) {
      plan.append("(no plan: ").append(e.getMessage()).append(")\n");
    }
    String text = plan.toString();
    List<String> scans = new ArrayList<>();
    Matcher m = SEQ_SCAN.matcher(text);
    while (m.find()) {
      String relation = m.group(1);
      if (m.group(2) == null && LARGE_TABLE.matcher(relation).matches() && !empty(pool, relation)) {
        scans.add(relation);
      }
    }
    return new Plan(route, ctx.getRenderedSql(), text, scans, wholeStore);
  }

  /** A partition without rows (pruned or empty) scanned sequentially costs nothing. */
  private static boolean empty(HikariDataSource pool, String relation) {
    return Jdbi.create(pool)
        .withHandle(
            h ->
                h.createQuery("SELECT NOT EXISTS (SELECT 1 FROM " + relation + ")")
                    .mapTo(Boolean.class)
                    .one());
  }

  private static HttpResponse<String> get(HttpClient http, String url, GeneratedToken token)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + token.token())
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  static double percentile(long[] nanos, int p) {
    if (nanos.length == 0) {
      return 0;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }
}
