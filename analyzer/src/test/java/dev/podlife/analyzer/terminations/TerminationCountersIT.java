package dev.podlife.analyzer.terminations;

import static dev.podlife.analyzer.terminations.PodVersions.offline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podlife.analyzer.store.FactStore;
import dev.podlife.events.Fact;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@code /metrics} counters of terminations and CrashLoopBackOff episodes count each stored row once. */
@ExtendWith(PostgresExtension.class)
class TerminationCountersIT {
  private static final String[] WEB_LIFE = {
    "terminations/web-1-running.json",
    "terminations/web-2-oom-killed.json",
    "terminations/web-3-crash-loop.json",
    "terminations/web-4-running-again.json",
    "terminations/web-5-segfault-between-observations.json",
    "terminations/web-6-back-off-capped.json",
    "terminations/web-7-running-for-good.json",
    "terminations/web-8-stopped-after-23-minutes.json",
    "terminations/web-9-deleted.json"
  };

  private final TestDatabase db;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FactStore store;

  TerminationCountersIT(TestDatabase db) {
    this.db = db;
    this.store = new FactStore(db.jdbi(), Clock.systemUTC(), registry);
  }

  @BeforeEach
  void emptyTables() {
    db.truncateAll();
  }

  @Test
  void countsEachTerminationOnceByReasonAndWorkloadWhateverTheBatchesAndRedeliveries() {
    for (List<Fact> version : PodVersions.factsPerVersion(WEB_LIFE)) {
      store.append(offline(version));
    }
    // a redelivery, and the same terminations seen again in later pod versions: stored once, counted once
    store.append(offline(PodVersions.factsPerVersion(WEB_LIFE).stream().flatMap(List::stream).toList()));

    assertThat(terminationsByReason()).isEqualTo(new TreeMap<>(Map.of("Error", 3.0, "OOMKilled", 1.0)));
    Counter oom = registry.find("podlife.container.terminations").tag("reason", "OOMKilled").counter();
    assertThat(oom.getId().getTag("cluster")).isEqualTo("test");
    assertThat(oom.getId().getTag("namespace")).isEqualTo("shop");
    assertThat(oom.getId().getTag("workload")).isEqualTo("Deployment/web");
    assertThat(registry.find("podlife.crash.loops").tag("workload", "Deployment/web").counter().count()).isEqualTo(2.0);
  }

  @Test
  void aRebuildCountsNothingAgain() {
    store.append(offline(PodVersions.factsPerVersion(WEB_LIFE).stream().flatMap(List::stream).toList()));
    Map<String, Double> before = terminationsByReason();

    store.rebuildProjections();

    assertThat(terminationsByReason()).isEqualTo(before).isNotEmpty();
  }

  private Map<String, Double> terminationsByReason() {
    Map<String, Double> counts = new TreeMap<>();
    registry.find("podlife.container.terminations").counters()
        .forEach(c -> counts.merge(c.getId().getTag("reason"), c.count(), Double::sum));
    return counts;
  }
}
