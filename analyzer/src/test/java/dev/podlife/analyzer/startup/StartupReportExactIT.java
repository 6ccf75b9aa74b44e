package dev.podlife.analyzer.startup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup report, read in one scan and selected in the analyzer, equals what PostgreSQL's own
 * aggregates ({@code percentile_disc}, {@code min}, {@code max}, {@code round(avg, 1)}, per group,
 * ordered by its collation) say over the typed columns — the statement the report ran before — on
 * every grouping and filter, on one connection and on two.
 */
@ExtendWith(PostgresExtension.class)
class StartupReportExactIT {
  private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");

  private final Jdbi jdbi;

  StartupReportExactIT(TestDatabase db) {
    this.jdbi = db.jdbi();
  }

  /**
   * 40,000 pods (~1,600 pages: enough for two readers) over three days: duplicates, sub-millisecond
   * ends (halves to round), ends before starts (clamped), unknown ends, latencies beyond 2^31 ms,
   * pods that never started, mixed-case keys.
   */
  @BeforeAll
  static void pods(TestDatabase db) {
    db.truncateAll();
    db.jdbi()
        .useHandle(
            h -> {
              h.execute("SELECT setseed(0.17)");
              h.createUpdate(
                      """
                      INSERT INTO pod_startup (cluster, uid, namespace, name, workload_kind, workload_name, node,
                          created, scheduled, running, watched, ready, image_pull_ms, init_ms, waiting_reason,
                          stateless, slo_eligible)
                      SELECT (ARRAY['b', 'A', 'a-1'])[1 + i % 3], 'uid-' || i, (ARRAY['ns', 'NS_x', 'ns-2', 'Äns'])[1 + i % 4],
                             'pod-' || i, CASE WHEN i % 7 <> 0 THEN 'Deployment' END, 'app-' || (i % 5),
                             CASE WHEN i % 11 <> 0 THEN 'node-' || (i % 13) END,
                             CASE WHEN i % 997 <> 0 THEN created END,
                             CASE WHEN i % 17 <> 0 THEN created + (random() * 3000 - 200) * interval '1 ms' END AS scheduled,
                             running,
                             CASE WHEN i % 5 <> 0 THEN running + (i % 1000) * interval '1.5 ms' END,
                             CASE WHEN i % 19 = 0 THEN created + interval '40 days'
                                  WHEN i % 3 <> 0 THEN running + random() * interval '10 s' END,
                             CASE WHEN i % 4 = 0 THEN (random() * 20000)::bigint
                                  WHEN i % 4001 = 0 THEN 10000000000000 END,
                             CASE WHEN i % 6 = 0 THEN (i % 9) * 1000 END,
                             CASE WHEN running IS NULL THEN (ARRAY[NULL, 'ImagePullBackOff', 'Unschedulable'])[1 + i % 3] END,
                             true, running IS NOT NULL
                      FROM (
                        SELECT i, created,
                               CASE WHEN i % 50 <> 0 THEN created + (i % 7919) * interval '0.25 ms' + interval '1 s' END AS running
                        FROM (SELECT i, CAST(:from AS timestamptz) + (i::float8 / 40000) * interval '3 days'
                                        + (i % 1000) * interval '1 microsecond' AS created
                              FROM generate_series(1, 40000) AS i) base
                      ) pods
                      """)
                  .bind("from", FROM)
                  .execute();
              h.execute("ANALYZE pod_startup");
            });
  }

  @Test
  void everyGroupingEqualsPostgresAggregatesOnOneAndOnTwoConnections() {
    List<StartupFilter> filters =
        List.of(
            StartupFilter.all(),
            new StartupFilter(null, null, null, null, FROM.plusSeconds(3_600), null, null),
            new StartupFilter("A", null, null, null, FROM, FROM.plusSeconds(86_400 + 1_234), null),
            new StartupFilter(null, "NS_x", "Deployment", "app-3", null, null, null),
            new StartupFilter(null, null, null, null, null, null, new String[] {"uid-5", "uid-9"}));
    for (Grouping grouping : Grouping.values()) {
      for (StartupFilter filter : filters) {
        StartupReports.Report expected = reference(filter, grouping);
        assertThat(expected.groups()).isNotEmpty();
        for (int readers : new int[] {1, 2}) {
          assertThat(new StartupReports(jdbi, Clock.systemUTC(), readers).report(filter, grouping))
              .as("%s, %s, %d readers", grouping, filter.whereClause(), readers)
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void latenciesBeyondIntegersAndHalfMillisecondsAreExact() {
    StartupReports.Report report =
        new StartupReports(jdbi, Clock.systemUTC(), 2)
            .report(StartupFilter.all(), Grouping.CLUSTER);
    assertThat(report.groups())
        .allSatisfy(
            g -> {
              assertThat(g.transitions().get("create_to_ready").maxMs())
                  .isGreaterThan(Integer.MAX_VALUE);
              assertThat(g.transitions().get("image_pull").maxMs()).isEqualTo(10_000_000_000_000L);
            });
    assertThat(report).isEqualTo(reference(StartupFilter.all(), Grouping.CLUSTER));
  }

  /** The report as the single SQL statement of old computed it: every aggregate in PostgreSQL. */
  private StartupReports.Report reference(StartupFilter filter, Grouping grouping) {
    String statistics =
        Transition.NAMES.stream()
            .map(
                name ->
                    """
                    count(p.%1$s_ms) AS %1$s_count,
                    percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY p.%1$s_ms) AS %1$s_pct,
                    min(p.%1$s_ms) AS %1$s_min, max(p.%1$s_ms) AS %1$s_max,
                    round(avg(p.%1$s_ms), 1)::float8 AS %1$s_mean\
                    """
                        .formatted(name))
            .collect(Collectors.joining(",\n"));
    String group =
        grouping == Grouping.DAY
            ? "to_char(p.created AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
            : grouping.expression;
    String where = filter.whereClause();
    return jdbi.withHandle(
        h -> {
          Map<List<String>, StartupReports.Group> groups = new LinkedHashMap<>();
          h.createQuery(
                  """
                  SELECT p.cluster, %s AS group_key, count(*) AS pods,
                         count(*) FILTER (WHERE p.started) AS started, %s
                  FROM pod_startup p WHERE %s GROUP BY 1, 2 ORDER BY 1, 2\
                  """
                      .formatted(group, statistics, where))
              .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
              .bindMethods(filter)
              .map(
                  (rs, ctx) -> {
                    Map<String, Transition> transitions = new LinkedHashMap<>();
                    for (String name : Transition.NAMES) {
                      long count = rs.getLong(name + "_count");
                      if (count > 0) {
                        Long[] pct = (Long[]) rs.getArray(name + "_pct").getArray();
                        transitions.put(
                            name,
                            new Transition(
                                count,
                                pct[0],
                                pct[1],
                                pct[2],
                                rs.getLong(name + "_min"),
                                rs.getLong(name + "_max"),
                                rs.getDouble(name + "_mean")));
                      }
                    }
                    return new StartupReports.Group(
                        rs.getString("cluster"),
                        rs.getString("group_key"),
                        rs.getLong("pods"),
                        rs.getLong("started"),
                        new TreeMap<>(),
                        transitions);
                  })
              .forEach(g -> groups.put(List.of(g.cluster(), g.group()), g));
          h.createQuery(
                  """
                  SELECT p.cluster, %s AS group_key, coalesce(p.waiting_reason, 'Pending') AS reason, count(*) AS pods
                  FROM pod_startup p WHERE %s AND NOT p.started GROUP BY 1, 2, 3\
                  """
                      .formatted(group, where))
              .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
              .bindMethods(filter)
              .map(
                  (rs, ctx) -> {
                    groups
                        .get(List.of(rs.getString(1), rs.getString(2)))
                        .notStarted()
                        .put(rs.getString(3), rs.getLong(4));
                    return 1;
                  })
              .list();
          return new StartupReports.Report(
              grouping.parameterValue(),
              filter.from(),
              filter.to(),
              new ArrayList<>(groups.values()));
        });
  }
}
