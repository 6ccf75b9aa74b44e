package dev.podlife.analyzer.pods;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.analyzer.history.History;
import dev.podlife.analyzer.history.HistoryEntry;
import dev.podlife.analyzer.history.HistoryWindow;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements the routes run, explained by PostgreSQL over a projection of 30k pods: each one
 * reads through the index made for it, so a page costs the same on the last page as on the first.
 */
@ExtendWith(PostgresExtension.class)
class PodQueryPlansIT {
  private static Jdbi jdbi;
  private static final List<String> rendered = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void seedThirtyThousandPods(TestDatabase db) {
    jdbi = db.jdbi();
    jdbi.installPlugin(new SqlObjectPlugin());
    jdbi.useHandle(
        h -> {
          h.execute(
              "INSERT INTO pod (cluster, uid, namespace, name, workload_kind, workload_name, node,"
                  + " phase, status, ready, restarts, created_at, updated_at, last_fact_id,"
                  + " snapshot) SELECT 'c' || (i % 3), 'uid-' || i, 'ns-' || (i % 50), 'pod-' || i,"
                  + " 'Deployment', 'w' || (i % 500), 'node-1', 'Running', 'Running', '1/1', 0,"
                  + " now(), now() + 30000 * interval '1 s', i, '{}'::jsonb"
                  + " FROM generate_series(1, 30000) i");
          h.execute(
              "INSERT INTO fact (cluster, pod_uid, fact_type, resource_version, namespace,"
                  + " pod_name, at, payload) SELECT 'c' || (i % 3), 'uid-' || (i % 3000),"
                  + " 'PodObserved', i::text, 'ns', 'pod', now() + i * interval '1 s', '{}'::jsonb"
                  + " FROM generate_series(1, 30000) i");
          h.execute(
              "INSERT INTO pod_history (fact_id, cluster, pod_uid, at, fact_type, subject, summary,"
                  + " status, ready, restarts) SELECT id, cluster, pod_uid, at, fact_type, subject,"
                  + " '', 'Running', '1/1', 0 FROM fact");
          h.execute("ANALYZE pod");
          h.execute("ANALYZE fact");
          h.execute("ANALYZE pod_history");
        });
    jdbi.getConfig(SqlStatements.class)
        .setSqlLogger(
            new SqlLogger() {
              @Override
              public void logBeforeExecution(StatementContext context) {
                rendered.add(context.getRenderedSql());
              }
            });
  }

  private static String plan(String sql, java.util.Map<String, ?> bindings) {
    List<String> lines =
        jdbi.withHandle(
            h -> h.createQuery("EXPLAIN " + sql).bindMap(bindings).mapTo(String.class).list());
    return String.join("\n", lines);
  }

  /** The bindings of a history page: its pod's span, as {@link History#page} reads it. */
  private static java.util.Map<String, Object> historyBindings(String uid) {
    java.util.Map<String, Object> bindings = new java.util.HashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT created_at - interval '1 day' AS span_from, updated_at AS span_to"
                        + " FROM pod WHERE cluster = 'c0' AND uid = :uid")
                .bind("uid", uid)
                .map(
                    (rs, ctx) -> {
                      bindings.put("spanFrom", rs.getObject("span_from", OffsetDateTime.class));
                      bindings.put("spanTo", rs.getObject("span_to", OffsetDateTime.class));
                      return uid;
                    })
                .one());
    bindings.put("cluster", "c0");
    bindings.put("uid", uid);
    bindings.put("limit", 1001);
    return bindings;
  }

  private static String lastRendered() {
    return rendered.getLast();
  }

  @Test
  void aListingPageAfterACursorWalksThePodListingIndex() {
    PodFilter filter =
        new PodFilter(
            "c1",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new ListingCursor("c1", "ns-40", "pod-100", "uid-100"));
    List<PodSummary> page = new Pods(jdbi).list(filter, 101);
    assertThat(page).hasSize(101);
    String plan =
        plan(
            lastRendered(),
            java.util.Map.of(
                "cluster",
                "c1",
                "afterCluster",
                "c1",
                "afterNamespace",
                "ns-40",
                "afterName",
                "pod-100",
                "afterUid",
                "uid-100",
                "limit",
                101));
    assertThat(plan).contains("pod_listing").doesNotContain("Seq Scan").doesNotContain("Sort");
  }

  @Test
  void aPodIsFoundByItsUidThroughItsIndex() {
    List<String> clusters = new Pods(jdbi).clustersOf("uid-42");
    assertThat(clusters).containsExactly("c0");
    assertThat(plan(lastRendered(), java.util.Map.of("uid", "uid-42")))
        .contains("pod_by_uid")
        .doesNotContain("Seq Scan");
  }

  /** The name of pod_history_by_pod's index on each day partition. */
  private static final String BY_POD = "_cluster_pod_uid_at_fact_id_idx";

  @Test
  void aHistoryIsReadThroughThePerPodIndex() {
    HistoryWindow window = new HistoryWindow(null, null, null);
    List<HistoryEntry> history =
        new History(jdbi).page("c0", "uid-3", window, 1001).orElseThrow().entries();
    assertThat(history).hasSize(10);
    assertThat(history).extracting(HistoryEntry::at).isSorted();
    String plan = plan(lastRendered(), historyBindings("uid-3"));
    // pod_history is partitioned by day: each partition's copy of pod_history_by_pod; only the
    // empty partitions created ahead are scanned (at no cost)
    assertThat(plan).contains(BY_POD);
    assertThat(plan.lines().filter(line -> line.contains("Seq Scan on pod_history")))
        .allSatisfy(line -> assertThat(line).contains("(cost=0.00..0.00 "));
  }

  @Test
  void aHistoryWindowIsAnIndexRangeToo() {
    HistoryWindow window =
        new HistoryWindow(
            Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"), null);
    new History(jdbi).page("c0", "uid-3", window, 1001);
    String sql = lastRendered();
    java.util.Map<String, Object> bindings = historyBindings("uid-3");
    bindings.put("fromTime", window.fromTime());
    bindings.put("toTime", window.toTime());
    assertThat(plan(sql, bindings)).contains(BY_POD);
  }
}
