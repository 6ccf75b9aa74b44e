package dev.podlife.analyzer.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.analyzer.shutdown.Recording;
import dev.podlife.analyzer.terminations.PodVersions;
import dev.podlife.events.Fact;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.RowsWithoutIds;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a poll ends is chance: two analyzers of one group, a rebalance or a rebuild's chunks cut a
 * pod's facts elsewhere — often inside one pod object version, whose containers' facts come before
 * its phase and deletion. No projection may depend on it: for every cut of a recorded life into two
 * batches, every table derived from facts holds what one batch gives.
 */
@ExtendWith(PostgresExtension.class)
class ProjectionsAcrossBatchesIT {
  /** Tables not derived from facts, or the event store itself (ids and keys, not projections). */
  private static final List<String> NOT_PROJECTIONS =
      List.of(
          "flyway_schema_history",
          "fact",
          "fact_key",
          "collector_heartbeat",
          "coverage_gap",
          "retention_run");

  private final StoreUnderTest tables;

  ProjectionsAcrossBatchesIT(TestDatabase db) {
    this.tables = new StoreUnderTest(db, Instant.parse("2026-11-26T00:00:00Z"));
  }

  @BeforeEach
  void emptyTables() {
    tables.empty();
  }

  static Stream<Arguments> lives() {
    return Stream.of(
        life("taint manager eviction", () -> PodVersions.facts("terminations/taint-manager.json")),
        life("preemption", () -> PodVersions.facts("terminations/preempted.json")),
        life("eviction API", () -> PodVersions.facts("terminations/evicted-by-eviction-api.json")),
        life("node shutdown", () -> PodVersions.facts("terminations/node-shutdown.json")),
        life("deadline exceeded", () -> PodVersions.facts("terminations/deadline-exceeded.json")),
        life(
            "stopped cleanly on delete",
            () -> PodVersions.facts("terminations/stopped-cleanly-on-delete.json")),
        life(
            "OOM kill, then a SIGTERM reported as OOMKilled",
            () ->
                PodVersions.facts(
                    "terminations/oom-1-restarted.json",
                    "terminations/oom-2-sigterm-reported-oom.json")),
        life("crash loops from start to deletion", () -> PodVersions.facts(PodVersions.WEB_LIFE)),
        life(
            "a Job with a sidecar",
            () ->
                PodVersions.facts(
                    "sidecars/job-1-sidecar-creating.json",
                    "sidecars/job-2-sidecar-running-not-started.json",
                    "sidecars/job-3-sidecar-started-initialized.json",
                    "sidecars/job-4-running.json",
                    "sidecars/job-5-main-completed.json",
                    "sidecars/job-6-sidecar-stopped-succeeded.json")),
        life("killed after its grace period", () -> Recording.offline("killed-after-grace")),
        life("evicted, with its Events", () -> Recording.offline("evicted")),
        life("deleted twice", () -> Recording.offline("second-delete")));
  }

  private static Arguments life(String name, Supplier<List<Fact>> facts) {
    return Arguments.of(name, facts.get());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lives")
  void everyProjectionHoldsTheSameWhereverABatchEnds(String life, List<Fact> facts) {
    tables.append(facts);
    List<Map<String, Object>> inOneBatch = projections();
    assertThat(inOneBatch).as("rows derived from the life").isNotEmpty();

    for (int cut = 1; cut < facts.size(); cut++) {
      tables.empty();
      tables.append(facts.subList(0, cut));
      tables.append(facts.subList(cut, facts.size()));

      assertThat(projections())
          .as("a batch ending after fact %d of %d (%s)", cut, facts.size(), facts.get(cut - 1))
          .isEqualTo(inOneBatch);
    }
  }

  /**
   * Every row of every table derived from facts, as JSON text without the columns that only number
   * rows ({@code id}, {@code *_id}: drawn in another order when batches differ).
   */
  private List<Map<String, Object>> projections() {
    List<String> names =
        tables
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            """
                            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                              AND c.relname <> ALL(:skipped)
                            ORDER BY c.relname
                            """)
                        .bindArray("skipped", String.class, NOT_PROJECTIONS)
                        .mapTo(String.class)
                        .list());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String table : names) {
      String row = tables.jdbi().withHandle(h -> RowsWithoutIds.rowText(h, table));
      rows.addAll(
          tables.rows(
              "SELECT '"
                  + table
                  + "' AS projection, "
                  + row
                  + " AS row FROM "
                  + table
                  + " t"
                  + " ORDER BY 2"));
    }
    return rows;
  }
}
