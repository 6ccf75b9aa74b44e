package dev.podlife.analyzer.terminations;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.events.Fact;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static dev.podlife.analyzer.terminations.PodVersions.WEB_LIFE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /metrics} counters of terminations and CrashLoopBackOff episodes count each stored row
 * once.
 */
@ExtendWith(PostgresExtension.class)
class TerminationCountersIT {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final StoreUnderTest tables;

  TerminationCountersIT(TestDatabase db) {
    this.tables = new StoreUnderTest(db, registry);
  }

  @BeforeEach
  void emptyTables() {
    tables.empty();
  }

  @Test
  void countsEachTerminationOnceByReasonAndWorkloadWhateverTheBatchesAndRedeliveries() {
    for (List<Fact> version : PodVersions.factsPerVersion(WEB_LIFE)) {
      tables.append(version);
    }
    // a redelivery, and the same terminations seen again in later pod versions: stored once,
    // counted once
    tables.append(PodVersions.facts(WEB_LIFE));

    assertThat(terminationsByReason())
        .isEqualTo(new TreeMap<>(Map.of("Error", 3.0, "OOMKilled", 1.0)));
    Counter oom =
        registry.find("podlife.container.terminations").tag("reason", "OOMKilled").counter();
    assertThat(oom.getId().getTag("cluster")).isEqualTo("test");
    assertThat(oom.getId().getTag("namespace")).isEqualTo("shop");
    assertThat(oom.getId().getTag("workload")).isEqualTo("Deployment/web");
    assertThat(
            registry
                .find("podlife.crash.loops")
                .tag("workload", "Deployment/web")
                .counter()
                .count())
        .isEqualTo(2.0);
  }

  @Test
  void aRebuildCountsNothingAgain() {
    tables.append(PodVersions.facts(WEB_LIFE));
    Map<String, Double> before = terminationsByReason();

    tables.store().rebuildProjections();

    assertThat(terminationsByReason()).isEqualTo(before).isNotEmpty();
  }

  private Map<String, Double> terminationsByReason() {
    Map<String, Double> counts = new TreeMap<>();
    registry
        .find("podlife.container.terminations")
        .counters()
        .forEach(c -> counts.merge(c.getId().getTag("reason"), c.count(), Double::sum));
    return counts;
  }
}
