package dev.podlife.analyzer.metrics;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.podlife.events.PodRef;
import dev.podlife.events.Workload;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
class LifecycleMetricsIT {
  private final TestDatabase db;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  LifecycleMetricsIT(TestDatabase db) {
    this.db = db;
  }

  @Test
  void workloadsBeyondTheBoundAreCountedAsOther() {
    LifecycleMetrics metrics = new LifecycleMetrics(registry, 3);
    db.jdbi()
        .useTransaction(
            h -> {
              LifecycleMetrics.Tally tally = metrics.tally(h);
              for (int i = 0; i < 10; i++) {
                tally.termination(pod("api-" + i), "OOMKilled");
              }
              tally.termination(pod("api-0"), "OOMKilled");
            });

    assertThat(registry.find(LifecycleMetrics.TERMINATIONS).counters())
        .extracting(c -> c.getId().getTag("workload"), c -> c.count())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("Deployment/api-0", 2.0),
            org.assertj.core.groups.Tuple.tuple("Deployment/api-1", 1.0),
            org.assertj.core.groups.Tuple.tuple("Deployment/api-2", 1.0),
            org.assertj.core.groups.Tuple.tuple("_other", 7.0));
  }

  @Test
  void nothingIsCountedWhenTheTransactionRollsBack() {
    LifecycleMetrics metrics = new LifecycleMetrics(registry);
    assertThatThrownBy(
            () ->
                db.jdbi()
                    .useTransaction(
                        h -> {
                          metrics.tally(h).termination(pod("web"), "Error");
                          throw new IllegalStateException("the batch failed");
                        }))
        .hasMessage("the batch failed");

    assertThat(registry.find(LifecycleMetrics.TERMINATIONS).counters()).isEmpty();
  }

  @Test
  void aBarePodIsItsOwnWorkload() {
    LifecycleMetrics metrics = new LifecycleMetrics(registry);
    db.jdbi()
        .useTransaction(
            h ->
                metrics
                    .tally(h)
                    .crashLoop(new PodRef("prod", "uid-1", "tools", "debug-shell", null)));

    assertThat(registry.find(LifecycleMetrics.CRASH_LOOPS).counters())
        .extracting(c -> c.getId().getTag("workload"))
        .isEqualTo(List.of("Pod/debug-shell"));
  }

  private static PodRef pod(String deployment) {
    return new PodRef(
        "prod",
        "uid-" + deployment,
        "shop",
        deployment + "-abc12",
        new Workload("Deployment", deployment));
  }
}
