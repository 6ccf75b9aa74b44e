package dev.podlife.analyzer.shutdown;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class KilledAfterGraceCounterIT {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final StoreUnderTest tables;

  KilledAfterGraceCounterIT(TestDatabase db) {
    this.tables = new StoreUnderTest(db, registry);
  }

  @BeforeEach
  void emptyTables() {
    tables.empty();
  }

  @Test
  void aContainerSigkilledAtTheEndOfTheGracePeriodIsCountedOnceForItsWorkload() {
    tables.append(Recording.offline("killed-after-grace"));
    tables.append(Recording.offline("killed-after-grace"));

    Counter killed = registry.find("podlife.shutdowns.killed.after.grace").counter();
    assertThat(killed.count()).isEqualTo(1.0);
    assertThat(killed.getId().getTag("namespace")).isEqualTo("shop");
    assertThat(killed.getId().getTag("workload")).isEqualTo("Deployment/checkout");
  }

  @Test
  void cleanStopsAndEarlyExitsAreNotCounted() {
    tables.append(Recording.offline("clean"));
    tables.append(Recording.offline("oom-and-errors"));

    assertThat(registry.find("podlife.shutdowns.killed.after.grace").counters()).isEmpty();
  }
}
