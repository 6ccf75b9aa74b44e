package dev.podlife.analyzer.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.analyzer.coverage.Coverage;
import dev.podlife.analyzer.coverage.Gap;
import dev.podlife.analyzer.store.DeadLetter;
import dev.podlife.analyzer.store.FactStore;
import dev.podlife.events.CollectorHeartbeat;
import dev.podlife.events.Fact;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static dev.podlife.analyzer.StoreUnderTest.offline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention on real PostgreSQL: real pod lives stored through {@link FactStore#append} on several
 * past days, then whole days dropped by age or size, the pods with no fact left forgotten from
 * every projection, and a rebuild giving the projections retention left.
 */
@ExtendWith(PostgresExtension.class)
class RetentionIT {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final LocalDate NOV20 = LocalDate.of(2026, 11, 20);
  private static final LocalDate NOV21 = LocalDate.of(2026, 11, 21);
  private static final LocalDate NOV22 = LocalDate.of(2026, 11, 22);
  private static final LocalDate NOV23 = LocalDate.of(2026, 11, 23);
  private static final LocalDate NOV24 = LocalDate.of(2026, 11, 24);

  /** Every projection table, with the column holding the pod's UID. */
  private static final Map<String, String> PROJECTIONS =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("pod", "uid"),
              Map.entry("pod_history", "pod_uid"),
              Map.entry("pod_startup", "uid"),
              Map.entry("shutdown_pod", "pod_uid"),
              Map.entry("shutdown_container", "pod_uid"),
              Map.entry("termination", "pod_uid"),
              Map.entry("crash_loop_episode", "pod_uid"),
              Map.entry("probe_container", "pod_uid"),
              Map.entry("probe_event", "pod_uid"),
              Map.entry("probe_restart", "pod_uid"),
              Map.entry("probe_readiness_flap", "pod_uid"),
              Map.entry("probe_not_ready", "pod_uid"),
              Map.entry("probe_container_run", "pod_uid")));

  private final StoreUnderTest tables;
  private final Jdbi jdbi;
  private final FactStore store;

  RetentionIT(TestDatabase db) {
    this.tables = new StoreUnderTest(db, CLOCK);
    this.jdbi = tables.jdbi();
    this.store = tables.store();
  }

  @BeforeEach
  void emptyStore() {
    tables.empty();
    // other test classes leave partitions of their days: start from none
    jdbi.useHandle(
        h ->
            h.createQuery("SELECT count(*) FROM podlife_drop_partitions_before(DATE '9999-01-01')")
                .mapTo(Long.class)
                .one());
  }

  private static final String OLD_SHOP = DayShiftedPods.uid(1);
  private static final String OLD_WEB = DayShiftedPods.uid(2);
  private static final String NOV22_SHOP = DayShiftedPods.uid(3);
  private static final String STRADDLER = DayShiftedPods.uid(4);
  private static final String RECENT_SHOP = DayShiftedPods.uid(5);

  /**
   * Nov 20: a shop pod and a crash-looping web pod; Nov 22: a shop pod, and one deleted only at
   * 01:00 on Nov 23 (its last fact on a kept day); Nov 24: a shop pod.
   */
  private void storeFiveDaysOfPods() {
    List<Fact> facts = new ArrayList<>();
    facts.addAll(DayShiftedPods.shop(OLD_SHOP, NOV20, null));
    facts.addAll(DayShiftedPods.web(OLD_WEB, NOV20));
    facts.addAll(DayShiftedPods.shop(NOV22_SHOP, NOV22, null));
    facts.addAll(DayShiftedPods.shop(STRADDLER, NOV22, Instant.parse("2026-11-23T01:00:00Z")));
    facts.addAll(DayShiftedPods.shop(RECENT_SHOP, NOV24, null));
    store.append(offline(facts));
  }

  private Set<String> podsIn(String table) {
    return Set.copyOf(
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT DISTINCT " + PROJECTIONS.get(table) + " FROM " + table)
                    .mapTo(String.class)
                    .list()));
  }

  private List<LocalDate> factDays() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT DISTINCT (at AT TIME ZONE 'UTC')::date FROM fact ORDER BY 1")
                .mapTo(LocalDate.class)
                .list());
  }

  private List<String> partitions() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = 'fact'::regclass ORDER BY 1
                    """)
                .mapTo(String.class)
                .list());
  }

  private static CollectorHeartbeat heartbeat(Instant sentAt) {
    return new CollectorHeartbeat(
        "test",
        "collector-0",
        sentAt,
        Duration.ofSeconds(10),
        Instant.parse("2026-11-20T00:00:00Z"),
        false);
  }

  private Retention retention(RetentionPolicy policy) {
    return new Retention(
        jdbi, policy, CLOCK, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /** Every projection's rows but those of {@code except}, without generated ids. */
  private Map<String, List<Map<String, Object>>> projections(Set<String> except) {
    Map<String, List<Map<String, Object>>> all = new TreeMap<>();
    PROJECTIONS.forEach(
        (table, uid) -> {
          List<Map<String, Object>> rows = new ArrayList<>();
          for (Map<String, Object> row :
              tables.rows("SELECT * FROM " + table + " ORDER BY 1, 2, 3")) {
            if (!except.contains((String) row.get(uid))) {
              row.remove("id");
              rows.add(row);
            }
          }
          all.put(table, rows);
        });
    // Event UIDs are "event-" + the pod's UID (DayShiftedPods)
    all.put(
        "probe_event_count",
        tables.rows("SELECT * FROM probe_event_count ORDER BY 1, 2").stream()
            .filter(row -> except.stream().noneMatch(((String) row.get("event_uid"))::endsWith))
            .toList());
    return all;
  }

  @Test
  void retentionByAgeDropsTheWholeDaysBeforeTheCutoffAndForgetsThePodsWithNoFactLeft() {
    storeFiveDaysOfPods();
    // an old and a recent dead letter
    new FactStore(jdbi, Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC))
        .append(
            List.of(), List.of(new DeadLetter("podlife.facts", 0, 1, null, new byte[] {1}, "old")));
    store.append(
        List.of(), List.of(new DeadLetter("podlife.facts", 0, 2, null, new byte[] {2}, "new")));
    // heartbeats of a dropped day and of a kept day, with a gap on each
    store.append(
        List.of(),
        List.of(),
        List.of(
            heartbeat(Instant.parse("2026-11-22T12:00:00Z")),
            heartbeat(Instant.parse("2026-11-22T23:59:50Z")),
            heartbeat(Instant.parse("2026-11-23T00:00:00Z")),
            heartbeat(Instant.parse("2026-11-23T06:00:00Z"))));
    assertThat(tables.rows("SELECT from_at FROM coverage_gap"))
        .extracting(row -> row.get("from_at").toString())
        .hasSize(2);
    assertThat(factDays()).containsExactly(NOV20, NOV22, NOV23, NOV24);
    // what will be forgotten is there to begin with, in every kind of projection
    assertThat(podsIn("termination")).contains(OLD_WEB);
    assertThat(podsIn("crash_loop_episode")).contains(OLD_WEB);
    assertThat(podsIn("probe_event")).contains(OLD_SHOP, NOV22_SHOP);
    assertThat(podsIn("shutdown_pod")).contains(OLD_SHOP, NOV22_SHOP);
    assertThat(podsIn("pod_startup")).contains(OLD_SHOP, OLD_WEB, NOV22_SHOP);

    // 2 days before 2026-11-25T12:00 is Nov 23 12:00: the days wholly older are Nov 20 .. 22 (Nov
    // 21 has no fact: its partitions were created ahead by the store that kept the old dead letter)
    Optional<RetentionRun> run = retention(new RetentionPolicy(Duration.ofDays(2), null)).runOnce();

    assertThat(run).isPresent();
    RetentionRun r = run.get();
    assertThat(r.cutoff()).isEqualTo(NOV23);
    assertThat(r.reason()).isEqualTo("age");
    assertThat(r.daysDropped()).containsExactly(NOV20, NOV21, NOV22);
    assertThat(r.partitionsDropped()).isEqualTo(6);
    assertThat(r.podsForgotten()).isEqualTo(3);
    assertThat(r.deadLettersDeleted()).isEqualTo(1);
    assertThat(r.bytesFreed()).isPositive();
    assertThat(r.limitNotMet()).isNull();
    assertThat(factDays()).containsExactly(NOV23, NOV24);
    assertThat(partitions()).doesNotContain("fact_p20261120", "fact_p20261122");
    assertThat(partitions()).contains("fact_p20261123", "fact_p20261124", "fact_p20261125");
    PROJECTIONS.keySet().stream()
        .filter(t -> !t.equals("pod_history"))
        .forEach(
            table ->
                assertThat(podsIn(table)).as(table).doesNotContain(OLD_SHOP, OLD_WEB, NOV22_SHOP));
    // a pod with a fact on a kept day keeps all its projections (its history starts at the cutoff)
    assertThat(podsIn("pod")).containsExactlyInAnyOrder(STRADDLER, RECENT_SHOP);
    assertThat(podsIn("pod_startup")).contains(STRADDLER);
    assertThat(podsIn("probe_event")).containsExactlyInAnyOrder(STRADDLER, RECENT_SHOP);
    assertThat(podsIn("pod_history")).containsExactlyInAnyOrder(STRADDLER, RECENT_SHOP);
    assertThat(tables.rows("SELECT error FROM dead_letter"))
        .extracting(row -> row.get("error"))
        .containsExactly("new");
    // the coverage of the dropped days goes with their facts
    assertThat(tables.rows("SELECT sent_at FROM collector_heartbeat"))
        .extracting(row -> row.get("sent_at").toString())
        .hasSize(2)
        .allMatch(sentAt -> sentAt.startsWith("2026-11-23"));
    // and so do its gaps: the one of the kept day stays
    assertThat(
            new Coverage(jdbi)
                .gaps(
                    "test",
                    Instant.parse("2026-11-20T00:00:00Z"),
                    Instant.parse("2026-11-23T07:00:00Z"),
                    Instant.parse("2026-11-23T06:00:05Z")))
        .containsExactly(
            new Gap(
                Instant.parse("2026-11-23T00:00:00Z"),
                Instant.parse("2026-11-23T06:00:00Z"),
                false));
    assertThat(tables.rows("SELECT count(*) AS n FROM probe_event_count"))
        .extracting(row -> row.get("n"))
        .containsExactly(2L);
    assertThat(tables.rows("SELECT reason, cutoff, days_dropped::text AS days FROM retention_run"))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .containsEntry("reason", "age")
                    .containsEntry("days", "{2026-11-20,2026-11-21,2026-11-22}"));
  }

  @Test
  void aRebuildAfterRetentionGivesTheProjectionsRetentionLeft() {
    storeFiveDaysOfPods();
    retention(new RetentionPolicy(Duration.ofDays(2), null)).runOnce().orElseThrow();
    // the pod deleted on a kept day keeps what it had; a rebuild knows only its kept facts
    Map<String, List<Map<String, Object>>> pruned = projections(Set.of(STRADDLER));
    assertThat(pruned.get("pod")).hasSize(1);

    store.rebuildProjections();

    assertThat(projections(Set.of(STRADDLER))).isEqualTo(pruned);
  }

  @Test
  void retentionBySizeDropsTheOldestDaysUntilTheStoreFits() {
    storeFiveDaysOfPods();
    store.append(offline(DayShiftedPods.shop(DayShiftedPods.uid(6), NOV21, null)));
    TreeMap<LocalDate, StoreSize.Day> days = jdbi.withHandle(StoreSize::days);
    long total = jdbi.withHandle(StoreSize::bytes);
    // fits once Nov 20 and 21 are gone, not before
    long max = total - days.get(NOV20).bytes() - days.get(NOV21).bytes();

    RetentionRun run = retention(new RetentionPolicy(null, max)).runOnce().orElseThrow();

    assertThat(run.reason()).isEqualTo("size");
    assertThat(run.daysDropped()).containsExactly(NOV20, NOV21);
    assertThat(run.cutoff()).isEqualTo(NOV22);
    assertThat(run.bytesBefore()).isEqualTo(total);
    assertThat(run.bytesFreed()).isEqualTo(days.get(NOV20).bytes() + days.get(NOV21).bytes());
    assertThat(run.limitNotMet()).isNull();
    assertThat(factDays()).containsExactly(NOV22, NOV23, NOV24);
    assertThat(podsIn("pod")).doesNotContain(OLD_SHOP, OLD_WEB, DayShiftedPods.uid(6));
  }

  @Test
  void aSizeLimitThatCannotBeMetDropsEveryDayBeforeTodayAndSaysSo() {
    storeFiveDaysOfPods();
    store.append(
        offline(
            DayShiftedPods.shop(
                DayShiftedPods.uid(7), NOW.atOffset(ZoneOffset.UTC).toLocalDate(), null)));

    RetentionRun run = retention(new RetentionPolicy(null, 1L)).runOnce().orElseThrow();

    assertThat(run.daysDropped()).containsExactly(NOV20, NOV22, NOV23, NOV24);
    assertThat(run.limitNotMet()).contains("over --max-storage 1 bytes");
    // today's and the days ahead are never dropped
    assertThat(partitions()).contains("fact_p20261125", "fact_p20261126");
    assertThat(podsIn("pod")).containsExactly(DayShiftedPods.uid(7));
    assertThat(tables.rows("SELECT limit_not_met FROM retention_run"))
        .singleElement()
        .satisfies(row -> assertThat((String) row.get("limit_not_met")).contains("--max-storage"));
  }

  @Test
  void aRunThatDropsNothingIsRecordedOnceAndChangesNothing() {
    storeFiveDaysOfPods();
    Retention keepMonth = retention(new RetentionPolicy(Duration.ofDays(30), null));
    List<Map<String, Object>> pods = tables.rows("SELECT * FROM pod ORDER BY uid");

    keepMonth.runOnce();
    RetentionRun second = keepMonth.runOnce().orElseThrow();

    assertThat(second.reason()).isEqualTo("none");
    assertThat(second.cutoff()).isNull();
    assertThat(tables.rows("SELECT * FROM pod ORDER BY uid")).isEqualTo(pods);
    assertThat(tables.rows("SELECT id FROM retention_run"))
        .extracting(row -> row.get("id"))
        .containsExactly(second.id());
  }

  @Test
  void onlyOneAnalyzerRunsRetentionAtATime() {
    storeFiveDaysOfPods();
    try (Handle other = jdbi.open()) {
      other.begin();
      other
          .createQuery("SELECT pg_try_advisory_xact_lock(hashtext('podlife_retention'))")
          .mapTo(Boolean.class)
          .one();

      assertThat(retention(new RetentionPolicy(Duration.ofDays(1), null)).runOnce()).isEmpty();

      other.rollback();
    }
    assertThat(factDays()).contains(NOV20);
  }

  @Test
  void theStorageGaugesShowTheStoreAfterARun() {
    storeFiveDaysOfPods();
    jdbi.useHandle(h -> h.execute("ANALYZE fact"));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Retention retention =
        new Retention(jdbi, new RetentionPolicy(Duration.ofDays(2), null), CLOCK, registry);

    retention.runOnce();

    long facts =
        jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM fact").mapTo(Long.class).one());
    long bytes = jdbi.withHandle(StoreSize::bytes);
    assertThat(registry.get("podlife.storage.bytes").gauge().value()).isEqualTo((double) bytes);
    assertThat(registry.get("podlife.storage.oldest.day").gauge().value())
        .isEqualTo((double) NOV23.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
    String scrape = registry.scrape();
    assertThat(scrape)
        .contains("podlife_storage_bytes ")
        .contains("podlife_storage_facts ")
        .contains("podlife_storage_oldest_day_seconds ")
        .contains("podlife_retention_last_run_seconds ");
    // an estimate: the fact partitions' statistics (ANALYZEd before the run, some days dropped
    // since)
    assertThat(registry.get("podlife.storage.facts").gauge().value()).isGreaterThanOrEqualTo(facts);
  }

  @Test
  void theStorageReportShowsEachDayAndTheLatestRuns() {
    storeFiveDaysOfPods();
    retention(new RetentionPolicy(Duration.ofDays(2), null)).runOnce();

    StorageReport report = jdbi.withHandle(StorageReport::read);

    assertThat(report.oldestDay()).isEqualTo(NOV23);
    assertThat(report.days().getFirst().day()).isEqualTo(NOV23);
    long facts =
        jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM fact").mapTo(Long.class).one());
    assertThat(report.totals().facts()).isEqualTo(facts);
    assertThat(report.days())
        .filteredOn(d -> d.day().equals(NOV24))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.pods()).isEqualTo(1);
              assertThat(d.bytes()).isPositive();
            });
    assertThat(report.days())
        .filteredOn(d -> d.day().equals(NOV23))
        .singleElement()
        .satisfies(d -> assertThat(d.facts()).isEqualTo(1));
    assertThat(report.totals().pods()).isEqualTo(2);
    assertThat(report.totals().storeBytes()).isGreaterThan(report.totals().partitionBytes());
    assertThat(report.policy().retentionSeconds()).isEqualTo(Duration.ofDays(2).toSeconds());
    assertThat(report.lastRuns())
        .singleElement()
        .satisfies(r -> assertThat(r.cutoff()).isEqualTo(NOV23));
  }
}
