package dev.podlife.api;

import java.sql.PreparedStatement;
import java.sql.SQLWarning;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleListener;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.podlife.analyzer.store.FactStore;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every statement the read routes run, as PostgreSQL planned it (auto_explain, the plan of the
 * execution itself with its real parameters), over a store of tens of thousands of pods spread over
 * several day partitions: none reads a table of size by a sequential scan, so a request costs what
 * its answer holds, not what the store holds. The store is real projections of real pod objects (a
 * crash-looping Deployment pod, a pod's whole life, a pod killed after its grace period, a pod with
 * probe failures, a StatefulSet pod), each copied {@value #COPIES} times into other namespaces,
 * workloads, nodes and times, then ANALYZEd.
 */
@ExtendWith(PostgresExtension.class)
class ReportQueryPlansIT {
  static final int COPIES = 8000;

  /** A table (or partition) this large must never be read whole by a route. */
  static final long LARGE_ROWS = 2000;

  private static final Pattern SEQ_SCAN = Pattern.compile("Seq Scan on (\\w+)");
  private static final List<String> plans = new CopyOnWriteArrayList<>();
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private static ApiServer server;
  private static Http http;
  private static Set<String> largeTables;
  private static Map<String, Object> sample;

  @BeforeAll
  static void fillAndStart(TestDatabase db) {
    FactStore store = new FactStore(db.jdbi(), Clock.systemUTC());
    store.append(StoredPods.crashLoopingWeb("east").offline());
    store.append(
        StoredPods.life(
                "east",
                "life",
                "1-pending",
                "2-scheduled",
                "3-container-creating",
                "4-running",
                "5-terminating")
            .deleted(null)
            .offline());
    store.append(
        StoredPods.life(
                "east",
                "audit",
                "stubborn-1-1-running",
                "stubborn-1-2-terminating",
                "stubborn-1-3-killed")
            .deletedAtItsDeletionTimestamp()
            .offline());
    store.append(
        StoredPods.life(
                "east",
                "probes",
                "pod-1-running-not-ready",
                "pod-2-ready",
                "pod-3-readiness-lost",
                "pod-4-ready-again",
                "pod-5-restarted-after-liveness-kill",
                "pod-6-restart-count-jumped")
            .offline());
    store.append(StoredPods.life("east", "history", "db-1-running").offline());
    db.jdbi().useHandle(ReportQueryPlansIT::copyEveryPod);
    db.jdbi().useHandle(ReportQueryPlansIT::addAlerts);
    db.jdbi().useHandle(h -> h.execute("ANALYZE"));
    largeTables =
        Set.copyOf(
            db.jdbi()
                .withHandle(
                    h ->
                        h.createQuery(
                                "SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace"
                                    + " = 'public'::regnamespace AND reltuples >= :rows")
                            .bind("rows", LARGE_ROWS)
                            .mapTo(String.class)
                            .list()));
    sample =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT cluster, namespace, name, uid, workload_kind, workload_name,"
                                + " node FROM pod WHERE uid LIKE 'copy-4321-%' AND workload_kind ="
                                + " 'Deployment' ORDER BY name LIKE 'web%' DESC, uid LIMIT 1")
                        .mapToMap()
                        .one());
    server = ApiTestSupport.start(explained(db));
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    ApiTestSupport.stop(server);
  }

  /**
   * Every pod (its rows in each table keyed by pod) copied {@link #COPIES} times: copy i has UID
   * {@code copy-<i>-<uid>}, namespace {@code ns-<i mod 40>}, workload {@code <name>-<i mod 800>},
   * node {@code node-<i mod 200>}, every third copy in cluster west, and all its times moved so
   * that the copies spread over the last four days; fact ids move by i × 1000.
   */
  private static void copyEveryPod(Handle h) {
    long maxFactId = h.createQuery("SELECT max(id) FROM fact").mapTo(Long.class).one();
    assertThat(maxFactId).isLessThan(1000);
    h.execute(
        "SELECT podlife_ensure_partitions((now() AT TIME ZONE 'UTC')::date - 6,"
            + " (now() AT TIME ZONE 'UTC')::date + 1)");
    List<String> tables =
        h.createQuery(
                """
                SELECT c.relname FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                  AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname IN ('uid', 'pod_uid'))
                ORDER BY c.relname = 'shutdown_container', c.relname
                """)
            .mapTo(String.class)
            .list();
    assertThat(tables).contains("fact", "pod", "pod_history", "probe_restart", "termination");
    String shift =
        "(now() - interval '4 days' + g.i * (interval '4 days' / "
            + COPIES
            + ") - (SELECT min(created_at) FROM pod))";
    for (String table : tables) {
      List<Map<String, Object>> columns =
          h.createQuery(
                  """
                  SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
                  FROM pg_attribute a
                  WHERE a.attrelid = CAST(:table AS regclass) AND a.attnum > 0 AND NOT a.attisdropped
                    AND a.attgenerated = '' AND a.attidentity = ''
                  ORDER BY a.attnum
                  """)
              .bind("table", table)
              .mapToMap()
              .list();
      List<String> names = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (Map<String, Object> column : columns) {
        String name = (String) column.get("name");
        String type = (String) column.get("type");
        names.add(name);
        values.add(copied(name, type, shift));
      }
      h.execute(
          "INSERT INTO "
              + table
              + " ("
              + String.join(", ", names)
              + ") SELECT "
              + String.join(", ", values)
              + " FROM "
              + table
              + " t CROSS JOIN generate_series(1, "
              + COPIES
              + ") AS g(i)");
    }
    h.execute("SELECT setval('fact_id_seq', (SELECT max(id) FROM fact))");
  }

  private static String copied(String column, String type, String shift) {
    return switch (column) {
      case "uid", "pod_uid" -> "'copy-' || g.i || '-' || t." + column;
      case "cluster" -> "CASE WHEN g.i % 3 = 0 THEN 'west' ELSE t.cluster END";
      case "namespace" -> "'ns-' || (g.i % 40)";
      case "name", "pod_name" -> "t." + column + " || '-' || g.i";
      case "workload_name" -> "t.workload_name || '-' || (g.i % 800)";
      case "node" -> "CASE WHEN t.node IS NULL THEN NULL ELSE 'node-' || (g.i % 200) END";
      case "event_uid" -> "t.event_uid || '-' || g.i";
      case "id", "fact_id", "last_fact_id" -> "t." + column + " + g.i * 1000";
      default -> type.startsWith("timestamp") ? "t." + column + " + " + shift : "t." + column;
    };
  }

  /** A rule and 20k alerts of it over the last four days, a tenth still firing. */
  private static void addAlerts(Handle h) {
    h.execute(
        """
        INSERT INTO alert_rule (name, version, spec, enabled, created_at, updated_at)
        VALUES ('restarts', 1, '{}', true, now() - interval '5 days', now() - interval '5 days')
        """);
    h.execute(
        """
        INSERT INTO alert (rule_id, rule_version, rule_name, fingerprint, cluster, namespace, workload_kind, workload_name,
                           reason, severity, state, starts_at, ends_at, occurrences, last_at, labels, annotations)
        SELECT r.id, 1, r.name, 'f' || g.i, 'east', 'ns-' || (g.i % 40), 'Deployment', 'web-' || (g.i % 800),
               'restarts', 'warning', CASE WHEN g.i % 10 = 0 THEN 'firing' ELSE 'resolved' END,
               now() - g.i * interval '17 seconds',
               CASE WHEN g.i % 10 = 0 THEN NULL ELSE now() - g.i * interval '17 seconds' + interval '5 minutes' END,
               3, now() - g.i * interval '17 seconds', '{}', '{}'
        FROM alert_rule r CROSS JOIN generate_series(1, 20000) AS g(i)
        """);
    h.execute(
        """
        INSERT INTO alert_notification (alert_id, receiver_kind, receiver_url, status, state, attempts, created_at)
        SELECT a.id, 'alertmanager', 'http://127.0.0.1:9093', 'firing',
               CASE WHEN a.id % 50 = 0 THEN 'failed' ELSE 'delivered' END, 1, a.starts_at
        FROM alert a
        """);
  }

  /**
   * The test database through a Jdbi whose connections log each statement's plan to the client
   * (auto_explain), collected from the statements' warnings.
   */
  private static Jdbi explained(TestDatabase db) {
    Jdbi jdbi = Jdbi.create(db.dataSource());
    jdbi.getConfig(Handles.class)
        .addListener(
            new HandleListener() {
              @Override
              public void handleCreated(Handle handle) {
                handle.execute("LOAD 'auto_explain'");
                handle.execute("SET auto_explain.log_min_duration = 0");
                handle.execute("SET auto_explain.log_level = 'notice'");
                handle.execute("SET client_min_messages = 'notice'");
              }
            });
    jdbi.addCustomizer(
        new StatementCustomizer() {
          @Override
          public void afterExecution(PreparedStatement statement, StatementContext context)
              throws java.sql.SQLException {
            for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
              if (w.getMessage().contains("Query Text:")) {
                plans.add(w.getMessage());
              }
            }
          }
        });
    return jdbi;
  }

  static List<String> routes() {
    // placeholders filled from the sample copy once the store is filled
    return List.of(
        "/api/v1/pods?cluster={cluster}&namespace={namespace}",
        "/api/v1/pods?cluster={cluster}&namespace={namespace}&workload={kind}/{workload}&deleted=any",
        "/api/v1/pods?cluster={cluster}&status=CrashLoopBackOff&deleted=any",
        "/api/v1/pods/{uid}",
        "/api/v1/pods/{uid}/history",
        "/api/v1/pods/{uid}/history?from={from}&to={to}",
        "/api/v1/pods/{uid}/startup",
        "/ui/pods/{uid}",
        "/api/v1/namespaces/{namespace}/pods/{name}/history",
        "/api/v1/workloads/{kind}/{namespace}/{workload}/history",
        "/api/v1/nodes/{node}/history?from={from}&to={to}",
        "/api/v1/reports/startup?from={from}&to={to}",
        "/api/v1/reports/startup?cluster={cluster}&namespace={namespace}&from={from}&to={to}",
        "/api/v1/reports/startup/slo?from={from}&to={to}",
        "/api/v1/reports/probes?cluster={cluster}&namespace={namespace}&from={from}&to={to}",
        "/api/v1/reports/probes?cluster={cluster}&workload={kind}/{workload}&from={from}&to={to}",
        "/api/v1/reports/shutdown?from={from}&to={to}",
        "/api/v1/reports/shutdown?cluster={cluster}&namespace={namespace}&from={from}&to={to}",
        "/api/v1/reports/shutdown?groupBy=namespace&from={from}&to={to}",
        "/api/v1/terminations?from={from}&to={to}",
        "/api/v1/terminations?cluster={cluster}&namespace={namespace}",
        "/api/v1/terminations?cluster={cluster}&node={node}",
        "/api/v1/crash-loops?from={from}&to={to}",
        "/api/v1/crash-loops?cluster={cluster}&namespace={namespace}",
        "/api/v1/reports/terminations?from={from}&to={to}",
        "/api/v1/reports/terminations?cluster={cluster}&namespace={namespace}&from={from}&to={to}",
        "/api/v1/reports/audit?cluster={cluster}&namespace={namespace}&from={from}&to={to}",
        "/api/v1/reports/audit?cluster={cluster}&namespace={namespace}&workload={kind}/{workload}",
        "/api/v1/alerts?state=firing",
        "/api/v1/alerts?from={from}&to={to}",
        "/api/v1/alerts/deliveries?failed=true");
  }

  private static String filled(String route) {
    return route
        .replace("{cluster}", (String) sample.get("cluster"))
        .replace("{namespace}", (String) sample.get("namespace"))
        .replace("{name}", (String) sample.get("name"))
        .replace("{uid}", (String) sample.get("uid"))
        .replace("{kind}", (String) sample.get("workload_kind"))
        .replace("{workload}", (String) sample.get("workload_name"))
        .replace("{node}", (String) sample.get("node"))
        .replace("{from}", NOW.minus(6, ChronoUnit.HOURS).toString())
        .replace("{to}", NOW.toString());
  }

  @ParameterizedTest
  @MethodSource("routes")
  void noRouteReadsALargeTableWhole(String route) {
    String path = filled(route);
    plans.clear();
    Http.Response response = http.get(path);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    List<String> seen = List.copyOf(plans);
    assertThat(seen).as("plans of " + path).isNotEmpty();
    List<String> wholeReads = new ArrayList<>();
    for (String plan : seen) {
      Matcher m = SEQ_SCAN.matcher(plan);
      while (m.find()) {
        if (largeTables.contains(m.group(1))) {
          wholeReads.add(m.group(1));
        }
      }
    }
    assertThat(wholeReads)
        .as(
            () ->
                path
                    + " reads large tables whole:\n"
                    + seen.stream()
                        .filter(p -> SEQ_SCAN.matcher(p).find())
                        .collect(Collectors.joining("\n----\n")))
        .isEmpty();
    if (route.contains("{uid}")) {
      // one pod's rows are a few index ranges: starting parallel workers would cost more than them
      assertThat(seen).as(path + " plans parallel workers").noneMatch(p -> p.contains("Gather"));
    }
  }
}
