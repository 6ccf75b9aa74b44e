package dev.podlife.collector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.podlife.events.Fact;
import dev.podlife.events.PhaseChanged;
import dev.podlife.events.PodDeleted;
import dev.podlife.testing.KafkaExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector across a lost API server connection: the watches break, the cluster changes
 * meanwhile, and the API server then says the collector's resourceVersion is too old (410 Gone) —
 * the informers must list again and the collector reconcile, without a restart of its own.
 */
@ExtendWith(KafkaExtension.class)
class ApiServerOutageIT {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T17:00:00Z"), ZoneOffset.UTC);

  private final ApiServerSeam seam = new ApiServerSeam(new KubernetesCrudDispatcher());
  private MockCluster cluster;
  private CollectorConfig config;
  private FactsTopic topic;

  @BeforeEach
  void setUp() {
    cluster = new MockCluster(seam);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    config =
        CollectorConfig.defaults("outage-" + suffix, KafkaExtension.bootstrapServers())
            .withTopics("facts-" + suffix, "state-" + suffix, 3, (short) 1);
    KafkaExtension.createTopic(config.factsTopic(), 3);
    topic = new FactsTopic(KafkaExtension.bootstrapServers(), config.factsTopic());
  }

  @AfterEach
  void tearDown() {
    topic.close();
    cluster.close();
  }

  private boolean hasPhase(String uid, String phase) {
    return topic.factsOf(uid).stream()
        .anyMatch(f -> f instanceof PhaseChanged p && phase.equals(p.phase()));
  }

  private static String uid(Pod pod) {
    return pod.getMetadata().getUid();
  }

  @Test
  void afterAnOutageEndingIn410GoneTheRelistReportsWhatChangedAndDeletionsAsDetectedOnRelist() {
    Collector collector =
        new Collector(config, cluster.newClient(), CLOCK, new SimpleMeterRegistry());
    try (collector) {
      collector.start();
      await("collector listing").atMost(Duration.ofSeconds(60)).until(collector::isRunning);
      Pod changed = cluster.createPendingPod("shop", "changed");
      Pod deleted = cluster.createPendingPod("shop", "deleted");
      Pod unchanged = cluster.createPendingPod("shop", "unchanged");
      for (Pod pod : List.of(changed, deleted, unchanged)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> hasPhase(uid(pod), "Pending"));
      }
      int changedBefore = topic.factsOf(uid(changed)).size();
      int deletedBefore = topic.factsOf(uid(deleted)).size();
      int unchangedBefore = topic.factsOf(uid(unchanged)).size();

      seam.cutOff();
      cluster.markRunning(changed, "2026-11-25T16:30:00Z");
      cluster.delete(deleted);
      Pod added = cluster.createPendingPod("shop", "added");
      // nothing of it can reach the collector while it is cut off
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(() -> topic.factsOf(uid(added)).isEmpty() && !hasPhase(uid(changed), "Running"));
      seam.restore(true);

      await().atMost(Duration.ofSeconds(60)).until(() -> hasPhase(uid(changed), "Running"));
      await().atMost(Duration.ofSeconds(30)).until(() -> hasPhase(uid(added), "Pending"));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(topic.factsOf(uid(deleted))).last().isInstanceOf(PodDeleted.class));
      assertThat(seam.expiredWatches()).as("watches answered 410 Gone").isGreaterThanOrEqualTo(1);
      // a pod created now is published after everything the relist queued
      Pod marker = cluster.createPendingPod("shop", "marker");
      await().atMost(Duration.ofSeconds(30)).until(() -> hasPhase(uid(marker), "Pending"));

      assertThat(topic.factsOf(uid(unchanged)))
          .as("an unchanged pod yields nothing on the relist")
          .hasSize(unchangedBefore);
      List<Fact> changedAfter = after(uid(changed), changedBefore);
      assertThat(changedAfter.stream().map(Fact::type))
          .containsExactly("ConditionChanged", "ContainerStateChanged", "PhaseChanged");
      assertThat(after(uid(deleted), deletedBefore))
          .singleElement()
          .isInstanceOfSatisfying(PodDeleted.class, d -> assertThat(d.detectedOnRelist()).isTrue());
      assertThat(collector.isRunning()).as("recovered without a restart").isTrue();
    }
  }

  private List<Fact> after(String uid, int before) {
    List<Fact> facts = topic.factsOf(uid);
    return facts.subList(before, facts.size());
  }
}
