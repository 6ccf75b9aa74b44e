package dev.podlife.analyzer.store;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.analyzer.PodLife;
import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.events.EventObserved;
import dev.podlife.events.Fact;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static dev.podlife.analyzer.StoreUnderTest.offline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store partitioned by day: natural keys stay idempotent across partitions, partitions are
 * created on demand and ahead, and whole days are dropped with their keys.
 */
@ExtendWith(PostgresExtension.class)
class PartitionedStoreIT {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final StoreUnderTest tables;
  private final Jdbi jdbi;
  private final FactStore store;

  PartitionedStoreIT(TestDatabase db) {
    this.tables = new StoreUnderTest(db, CLOCK);
    this.jdbi = tables.jdbi();
    this.store = tables.store();
  }

  @BeforeEach
  void emptyTables() {
    tables.empty();
  }

  /** The Unhealthy Event under another resourceVersion (another natural key) and time. */
  private static EventObserved event(String resourceVersion, Instant at) {
    EventObserved e = PodLife.unhealthyEvent();
    return new EventObserved(e.pod(), resourceVersion, at, e.observedAt(), e.event());
  }

  private long count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private boolean exists(String table) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT to_regclass(:t) IS NOT NULL")
                .bind("t", table)
                .mapTo(Boolean.class)
                .one());
  }

  private List<Map<String, Object>> stored() {
    return tables.rows(
        "SELECT id, resource_version, at, tableoid::regclass::text AS part FROM fact ORDER BY id");
  }

  @Test
  void theSameNaturalKeyOnAnotherDayIsStoredOnce() {
    Instant day1 = Instant.parse("2026-11-20T10:00:00Z");
    assertThat(store.append(offline(List.of(event("500", day1)))).inserted()).isEqualTo(1);

    // re-derived with another at (observedAt fallback): another partition, the same fact
    IngestResult again =
        store.append(offline(List.of(event("500", Instant.parse("2026-11-17T23:59:59Z")))));

    assertThat(again).isEqualTo(new IngestResult(1, 0, 1));
    assertThat(stored())
        .singleElement()
        .satisfies(row -> assertThat(row).containsEntry("part", "fact_p20261120"));
    assertThat(count("SELECT count(*) FROM fact_key")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM pod_history")).isEqualTo(1);
  }

  @Test
  void aKeyGivenTwiceInOneBatchKeepsItsFirstOccurrenceAndIdsFollowTheInput() {
    Instant a = Instant.parse("2026-11-19T08:00:00Z");
    Instant b = Instant.parse("2026-11-20T08:00:00Z");
    Instant c = Instant.parse("2026-11-18T08:00:00Z");

    IngestResult result =
        store.append(offline(List.of(event("3", a), event("1", b), event("3", b), event("2", c))));

    assertThat(result).isEqualTo(new IngestResult(4, 3, 1));
    List<Map<String, Object>> rows = stored();
    assertThat(rows).extracting(r -> r.get("resource_version")).containsExactly("3", "1", "2");
    assertThat(rows)
        .extracting(r -> r.get("part"))
        .containsExactly("fact_p20261119", "fact_p20261120", "fact_p20261118");
    assertThat(tables.rows("SELECT fact_id, at FROM pod_history ORDER BY fact_id"))
        .extracting(r -> ((java.sql.Timestamp) r.get("at")).toInstant())
        .containsExactly(a, b, c);
  }

  @Test
  void aRedeliveredBatchChangesNothing() {
    List<Fact> batch = new ArrayList<>(PodLife.facts());
    batch.add(event("7", Instant.parse("2026-11-01T00:00:00Z")));
    batch.add(event("8", Instant.parse("2026-10-31T23:59:59.999Z")));
    store.append(offline(batch));
    List<Map<String, Object>> facts = stored();
    List<Map<String, Object>> history = tables.rows("SELECT * FROM pod_history ORDER BY fact_id");
    List<Map<String, Object>> pods = tables.rows("SELECT * FROM pod");

    IngestResult again = store.append(offline(batch));

    assertThat(again).isEqualTo(new IngestResult(batch.size(), 0, batch.size()));
    assertThat(stored()).isEqualTo(facts);
    assertThat(tables.rows("SELECT * FROM pod_history ORDER BY fact_id")).isEqualTo(history);
    assertThat(tables.rows("SELECT * FROM pod")).isEqualTo(pods);
    assertThat(count("SELECT count(*) FROM fact_key")).isEqualTo(batch.size());
  }

  @Test
  void partitionsAreCreatedOnDemandForOldDaysAndTheEpoch() {
    store.append(
        offline(
            List.of(event("1", Instant.parse("2019-03-04T05:06:07Z")), event("2", Instant.EPOCH))));

    assertThat(stored())
        .extracting(r -> r.get("part"))
        .containsExactly("fact_p20190304", "fact_p19700101");
    assertThat(tables.rows("SELECT tableoid::regclass::text AS part FROM pod_history ORDER BY 1"))
        .extracting(r -> r.get("part"))
        .containsExactly("pod_history_p19700101", "pod_history_p20190304");
    // only the days asked for, not the 49 years between
    assertThat(exists("fact_p19700102")).isFalse();
  }

  @Test
  void partitionsAreCreatedAheadOfToday() {
    // a day no other test of this class writes around
    FactStore later =
        new FactStore(jdbi, Clock.fixed(Instant.parse("2031-06-10T23:00:00Z"), ZoneOffset.UTC));
    assertThat(exists("fact_p20310610")).isFalse();

    later.createPartitionsAhead();

    for (LocalDate d = LocalDate.of(2031, 6, 10);
        !d.isAfter(LocalDate.of(2031, 6, 17));
        d = d.plusDays(1)) {
      String day = d.toString().replace("-", "");
      assertThat(exists("fact_p" + day)).as(day).isTrue();
      assertThat(exists("pod_history_p" + day)).as(day).isTrue();
    }
    assertThat(exists("fact_p20310618")).isFalse();
    // created once: calling again is a no-op
    later.createPartitionsAhead();
    int created =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT podlife_ensure_partitions(DATE '2031-06-10', DATE '2031-06-17')")
                    .mapTo(Integer.class)
                    .one());
    assertThat(created).isZero();
  }

  @Test
  void droppingBeforeADayDropsExactlyTheWholeDaysBeforeItInBothTablesAndTheirKeys() {
    store.append(
        offline(
            List.of(
                event("1", Instant.parse("2026-11-10T00:00:00Z")),
                event("2", Instant.parse("2026-11-11T23:59:59.999999Z")),
                event("3", Instant.parse("2026-11-12T00:00:00Z")),
                event("4", Instant.parse("2026-11-12T23:00:00Z")),
                event("5", Instant.parse("2026-11-13T10:00:00Z")))));

    List<LocalDate> dropped =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT * FROM podlife_drop_partitions_before(DATE '2026-11-12')")
                    .mapTo(LocalDate.class)
                    .list());

    assertThat(dropped).containsExactly(LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 11));
    for (String gone : List.of("p20261110", "p20261111")) {
      assertThat(exists("fact_" + gone)).isFalse();
      assertThat(exists("pod_history_" + gone)).isFalse();
    }
    assertThat(exists("fact_p20261112")).isTrue();
    assertThat(exists("pod_history_p20261112")).isTrue();
    assertThat(stored()).extracting(r -> r.get("resource_version")).containsExactly("3", "4", "5");
    assertThat(tables.rows("SELECT fact_id FROM pod_history ORDER BY fact_id")).hasSize(3);
    assertThat(count("SELECT count(*) FROM fact_key")).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM fact_key WHERE at < '2026-11-12T00:00:00Z'")).isZero();

    // the store knew those days: it creates them again when a (late) fact needs one
    IngestResult late =
        store.append(offline(List.of(event("1", Instant.parse("2026-11-10T00:00:00Z")))));
    assertThat(late.inserted()).isEqualTo(1);
    assertThat(exists("fact_p20261110")).isTrue();
  }
}
