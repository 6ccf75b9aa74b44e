package dev.podlife.analyzer.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.analyzer.store.FactStore;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class KilledAfterGraceCounterIT {
  private final TestDatabase db;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FactStore store;

  KilledAfterGraceCounterIT(TestDatabase db) {
    this.db = db;
    this.store = new FactStore(db.jdbi(), Clock.systemUTC(), registry);
  }

  @BeforeEach
  void emptyTables() {
    db.truncateAll();
  }

  @Test
  void aContainerSigkilledAtTheEndOfTheGracePeriodIsCountedOnceForItsWorkload() {
    store.append(StoreUnderTest.offline(Recording.offline("killed-after-grace")));
    store.append(StoreUnderTest.offline(Recording.offline("killed-after-grace")));

    Counter killed = registry.find("podlife.shutdowns.killed.after.grace").counter();
    assertThat(killed.count()).isEqualTo(1.0);
    assertThat(killed.getId().getTag("namespace")).isEqualTo("shop");
    assertThat(killed.getId().getTag("workload")).isEqualTo("Deployment/checkout");
  }

  @Test
  void cleanStopsAndEarlyExitsAreNotCounted() {
    store.append(StoreUnderTest.offline(Recording.offline("clean")));
    store.append(StoreUnderTest.offline(Recording.offline("oom-and-errors")));

    assertThat(registry.find("podlife.shutdowns.killed.after.grace").counters()).isEmpty();
  }
}
