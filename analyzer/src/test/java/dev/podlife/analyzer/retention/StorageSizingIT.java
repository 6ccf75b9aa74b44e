package dev.podlife.analyzer.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.analyzer.store.FactStore;
import dev.podlife.events.Fact;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static dev.podlife.analyzer.StoreUnderTest.offline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's sizing figures ("Storage and retention"), measured: recorded pod lives (4 in 5 the
 * shop pod — created, started, one liveness Event, deleted; 1 in 5 the web pod — OOMKilled, crash
 * loops, deleted) stored on two days in batches of 500 facts as the analyzer stores a poll, then
 * the store's bytes (pg_total_relation_size of the partitions, fact_key, every projection, with
 * indexes) over the facts and pod lives. Fails when a change moves the figures away from what the
 * README says.
 */
@ExtendWith(PostgresExtension.class)
class StorageSizingIT {
  /** What the README says, bytes per stored fact, everything included. */
  static final long DOCUMENTED_BYTES_PER_FACT = 1_625;

  private static final int PODS_PER_DAY = 1_000;
  private static final int BATCH = 500;

  private final StoreUnderTest tables;
  private final Jdbi jdbi;

  StorageSizingIT(TestDatabase db) {
    this.tables = new StoreUnderTest(db, Instant.parse("2026-11-25T12:00:00Z"));
    this.jdbi = tables.jdbi();
  }

  @Test
  void bytesPerFactAndPerPodLifeAreWhatTheReadmeSays() {
    tables.empty();
    jdbi.useHandle(
        h ->
            h.createQuery("SELECT count(*) FROM podlife_drop_partitions_before(DATE '9999-01-01')")
                .mapTo(Long.class)
                .one());
    FactStore store =
        new FactStore(jdbi, Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
    long empty = jdbi.withHandle(StoreSize::bytes);

    int n = 0;
    List<Fact> pending = new ArrayList<>();
    for (LocalDate day : List.of(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 21))) {
      for (int i = 0; i < PODS_PER_DAY; i++) {
        String uid = DayShiftedPods.uid(++n);
        pending.addAll(
            i % 5 == 4 ? DayShiftedPods.web(uid, day) : DayShiftedPods.shop(uid, day, null));
        while (pending.size() >= BATCH) {
          store.append(offline(List.copyOf(pending.subList(0, BATCH))));
          pending.subList(0, BATCH).clear();
        }
      }
    }
    store.append(offline(pending));

    StorageReport report = jdbi.withHandle(StorageReport::read);
    long facts = report.totals().facts();
    long pods = report.totals().pods();
    long store_ = report.totals().storeBytes() - empty;
    long partitions = report.totals().partitionBytes();
    long perFact = store_ / facts;
    System.out.printf(
        "sizing: %d facts of %d pod lives (%.1f facts a life); store %d bytes: %d bytes a fact,"
            + " %d bytes a pod life; fact+pod_history partitions %d bytes (%d a fact)%n",
        facts,
        pods,
        (double) facts / pods,
        store_,
        perFact,
        store_ / pods,
        partitions,
        partitions / facts);

    assertThat(pods).isEqualTo(2L * PODS_PER_DAY);
    assertThat(perFact)
        .isBetween(DOCUMENTED_BYTES_PER_FACT * 3 / 4, DOCUMENTED_BYTES_PER_FACT * 5 / 4);
  }
}
