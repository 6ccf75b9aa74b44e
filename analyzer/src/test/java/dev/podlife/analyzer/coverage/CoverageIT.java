package dev.podlife.analyzer.coverage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.analyzer.store.FactStore;
import dev.podlife.events.CollectorHeartbeat;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestClock;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** Heartbeats through the real {@link FactStore} into PostgreSQL, read back as coverage. */
@ExtendWith(PostgresExtension.class)
class CoverageIT {
  private static final Instant T0 = Instant.parse("2026-11-25T17:00:00Z");
  private static final Duration EVERY = Duration.ofSeconds(10);

  private final StoreUnderTest tables;
  private final FactStore store;
  private final Coverage coverage;

  CoverageIT(TestDatabase db) {
    tables = new StoreUnderTest(db, T0.plusSeconds(3600));
    store = tables.store();
    coverage = new Coverage(db.jdbi());
  }

  @BeforeEach
  void empty() {
    tables.empty();
  }

  /** A run of a collector: a heartbeat every 10 s from {@code from} to {@code to}, inclusive. */
  private static List<CollectorHeartbeat> run(String instance, Instant from, Instant to) {
    List<CollectorHeartbeat> beats = new ArrayList<>();
    for (Instant at = from; !at.isAfter(to); at = at.plus(EVERY)) {
      beats.add(new CollectorHeartbeat("prod", instance, at, EVERY, from, at.equals(from)));
    }
    return beats;
  }

  /** Observed 17:00–17:05, collector down for five minutes, observed again 17:10–17:20. */
  private static List<CollectorHeartbeat> withADowntime() {
    List<CollectorHeartbeat> beats = new ArrayList<>(run("c-1", T0, T0.plusSeconds(300)));
    beats.addAll(run("c-2", T0.plusSeconds(600), T0.plusSeconds(1200)));
    return beats;
  }

  private CoverageReport report(Instant now) {
    return coverage.report("prod", T0, T0.plusSeconds(1200), now).orElseThrow();
  }

  @Test
  void aSilenceLongerThanTwoAndAHalfIntervalsIsAGapBetweenTheHeartbeatsAroundIt() {
    store.append(List.of(), List.of(), withADowntime());

    CoverageReport report = report(T0.plusSeconds(1205));

    assertThat(report.gaps())
        .containsExactly(new Gap(T0.plusSeconds(300), T0.plusSeconds(600), false));
    assertThat(report.gaps().getFirst().summary())
        .isEqualTo("not observed between 2026-11-25T17:05:00Z and 2026-11-25T17:10:00Z");
    assertThat(report.intervals())
        .containsExactly(
            new ObservedInterval(T0, T0.plusSeconds(300), false),
            new ObservedInterval(T0.plusSeconds(600), T0.plusSeconds(1200), true));
    assertThat(report.observedFraction()).isEqualTo(0.75);
    assertThat(report.since()).isEqualTo(T0);
    assertThat(report.lastHeartbeat()).isEqualTo(T0.plusSeconds(1200));
  }

  @Test
  void heartbeatsLateByLessThanTheToleranceDoNotSplitAnInterval() {
    store.append(
        List.of(),
        List.of(),
        List.of(
            new CollectorHeartbeat("prod", "c-1", T0, EVERY, T0, true),
            new CollectorHeartbeat("prod", "c-1", T0.plusSeconds(25), EVERY, T0, false),
            new CollectorHeartbeat("prod", "c-1", T0.plusSeconds(35), EVERY, T0, false)));

    CoverageReport report =
        coverage.report("prod", T0, T0.plusSeconds(35), T0.plusSeconds(35)).orElseThrow();

    assertThat(report.gaps()).isEmpty();
    assertThat(report.intervals())
        .containsExactly(new ObservedInterval(T0, T0.plusSeconds(35), true));
    assertThat(report.observedFraction()).isEqualTo(1.0);
  }

  @Test
  void redeliveredShuffledAndDoublyStoredHeartbeatsGiveTheSameIntervals() {
    store.append(List.of(), List.of(), withADowntime());
    CoverageReport once = report(T0.plusSeconds(1205));

    // the whole topic again (a redelivery), in another order, by a second analyzer of the group
    List<CollectorHeartbeat> again = new ArrayList<>(withADowntime());
    Collections.shuffle(again, new java.util.Random(7));
    store.append(List.of(), List.of(), again.subList(0, 40));
    new FactStore(tables.jdbi(), java.time.Clock.systemUTC())
        .append(List.of(), List.of(), again.subList(40, again.size()));

    assertThat(report(T0.plusSeconds(1205))).isEqualTo(once);
    assertThat(tables.rows("SELECT count(*) AS n FROM collector_heartbeat"))
        .containsExactly(java.util.Map.of("n", (long) withADowntime().size()));
  }

  @Test
  void theTimeSinceTheLastHeartbeatIsAnOngoingGapOnceLongerThanTheTolerance() {
    store.append(List.of(), List.of(), run("c-1", T0, T0.plusSeconds(300)));

    CoverageReport report =
        coverage.report("prod", T0, T0.plusSeconds(1200), T0.plusSeconds(900)).orElseThrow();

    assertThat(report.gaps())
        .containsExactly(new Gap(T0.plusSeconds(300), T0.plusSeconds(900), true));
    assertThat(report.gaps().getFirst().summary())
        .isEqualTo("not observed since 2026-11-25T17:05:00Z (still, at 2026-11-25T17:15:00Z)");
  }

  @Test
  void aWindowAroundAGapSeesItAndTheTimeBeforeTheFirstHeartbeatIsNoGap() {
    store.append(List.of(), List.of(), withADowntime());

    CoverageReport inside =
        coverage
            .report("prod", T0.plusSeconds(400), T0.plusSeconds(500), T0.plusSeconds(1205))
            .orElseThrow();
    CoverageReport before =
        coverage
            .report("prod", T0.minusSeconds(600), T0.plusSeconds(300), T0.plusSeconds(1205))
            .orElseThrow();

    assertThat(inside.gaps())
        .containsExactly(new Gap(T0.plusSeconds(300), T0.plusSeconds(600), false));
    assertThat(inside.intervals()).isEmpty();
    assertThat(inside.observedFraction()).isEqualTo(0.0);
    assertThat(before.gaps()).isEmpty();
    assertThat(before.observedFraction()).isEqualTo(1.0);
  }

  @Test
  void theStoredGapsAreTheDerivedOnesWhateverTheOrderAndTheAnalyzersTheHeartbeatsCameThrough()
      throws Exception {
    java.util.Random random = new java.util.Random(12);
    List<CollectorHeartbeat> day = HeartbeatDays.ofRestarts(T0, random);
    List<CollectorHeartbeat> shuffled = new ArrayList<>(day);
    Collections.shuffle(shuffled, random);
    // two analyzers at once, each with batches of its half (a rebalance), then a redelivery
    FactStore other = new FactStore(tables.jdbi(), java.time.Clock.systemUTC());
    int half = shuffled.size() / 2;
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      var first = pool.submit(() -> inBatches(store, shuffled.subList(0, half), 7));
      var second = pool.submit(() -> inBatches(other, shuffled.subList(half, shuffled.size()), 5));
      first.get();
      second.get();
    }
    store.append(List.of(), List.of(), day.subList(0, 50));

    Instant last = day.stream().map(CollectorHeartbeat::sentAt).max(Instant::compareTo).get();
    List<Gap> derived = coverage.report("prod", T0, last, last).orElseThrow().gaps();
    assertThat(derived).hasSizeGreaterThan(10);
    assertThat(coverage.gaps("prod", T0, last, last)).isEqualTo(derived);
    // any window of a pod's life, while observed and once the collector fell silent
    for (int i = 0; i < 200; i++) {
      Instant from = T0.plusSeconds(random.nextLong(-600, Duration.between(T0, last).toSeconds()));
      Instant to = from.plusSeconds(random.nextLong(1, 7200));
      Instant now = last.plusSeconds(random.nextLong(0, 600));
      assertThat(coverage.gaps("prod", from, to, now))
          .as("gaps of [%s, %s] at %s", from, to, now)
          .isEqualTo(coverage.report("prod", from, to, now).orElseThrow().gaps());
    }
  }

  private static Void inBatches(FactStore store, List<CollectorHeartbeat> beats, int size) {
    for (int i = 0; i < beats.size(); i += size) {
      store.append(List.of(), List.of(), beats.subList(i, Math.min(beats.size(), i + size)));
    }
    return null;
  }

  @Test
  void aClusterThatNeverSentAHeartbeatHasNoCoverage() {
    store.append(List.of(), List.of(), withADowntime());

    assertThat(coverage.report("staging", T0, T0.plusSeconds(60), T0.plusSeconds(60))).isEmpty();
    assertThat(coverage.gaps("staging", T0, T0.plusSeconds(60), T0.plusSeconds(60))).isEmpty();
  }

  @Test
  void theAnalyzerExportsTheSecondsSinceEachClustersLatestHeartbeat() {
    store.append(List.of(), List.of(), withADowntime());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TestClock clock = TestClock.at(T0.plusSeconds(1230));
    CoverageMetrics metrics = new CoverageMetrics(registry, clock);

    metrics.load(coverage);
    String loaded = registry.scrape();
    metrics.heard(
        List.of(new CollectorHeartbeat("prod", "c-2", T0.plusSeconds(1220), EVERY, T0, false)));
    clock.set(T0.plusSeconds(1240));

    assertThat(loaded).contains("podlife_collector_unobserved_seconds{cluster=\"prod\"} 30.0");
    assertThat(registry.scrape())
        .contains("podlife_collector_unobserved_seconds{cluster=\"prod\"} 20.0");
  }
}
