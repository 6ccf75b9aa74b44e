package dev.podlife.collector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fabric8.kubernetes.api.model.Pod;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.podlife.events.CollectorHeartbeat;
import dev.podlife.testing.KafkaExtension;
import dev.podlife.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@ExtendWith(KafkaExtension.class)
class CollectorHeartbeatIT {
  private static final Instant T0 = Instant.parse("2026-11-25T17:00:00Z");

  private final TestClock clock = TestClock.at(T0);
  private MockCluster cluster;
  private CollectorConfig config;
  private FactsTopic topic;

  @BeforeEach
  void setUp() {
    cluster = new MockCluster();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    config =
        CollectorConfig.defaults("it-" + suffix, KafkaExtension.bootstrapServers())
            .withTopics("facts-" + suffix, "state-" + suffix, 3, (short) 1)
            .withHeartbeatInterval(Duration.ofSeconds(10));
    KafkaExtension.createTopic(config.factsTopic(), 3);
    topic = new FactsTopic(KafkaExtension.bootstrapServers(), config.factsTopic());
  }

  @AfterEach
  void tearDown() {
    topic.close();
    cluster.close();
  }

  private Collector startCollector() {
    Collector collector =
        new Collector(config, cluster.newClient(), clock, new SimpleMeterRegistry());
    collector.start();
    await("collector listing").atMost(Duration.ofSeconds(60)).until(collector::isRunning);
    return collector;
  }

  private List<CollectorHeartbeat> heartbeats() {
    return topic.heartbeats().stream().map(FactsTopic.Record::heartbeat).toList();
  }

  @Test
  void aRestartAfterDowntimeShowsAsANewRunWhoseFirstHeartbeatResumed() {
    Pod pod;
    try (Collector first = startCollector()) {
      pod = cluster.createPendingPod("shop", "web");
      await().atMost(Duration.ofSeconds(30)).until(() -> heartbeats().size() == 1);
      clock.set(T0.plusSeconds(10));
      await().atMost(Duration.ofSeconds(30)).until(() -> heartbeats().size() == 2);
    }
    clock.set(T0.plusSeconds(300)); // five minutes nobody watched
    try (Collector second = startCollector()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> heartbeats().size() == 3);
    }

    List<CollectorHeartbeat> beats = heartbeats();
    assertThat(beats)
        .extracting(CollectorHeartbeat::sentAt, CollectorHeartbeat::resumed)
        .containsExactly(
            tuple(T0, true), tuple(T0.plusSeconds(10), false), tuple(T0.plusSeconds(300), true));
    assertThat(beats.get(1).instance()).isEqualTo(beats.get(0).instance());
    assertThat(beats.get(2).instance()).isNotEqualTo(beats.get(0).instance());
    assertThat(beats.get(2).startedAt()).isEqualTo(T0.plusSeconds(300));
    assertThat(beats).allSatisfy(b -> assertThat(b.cluster()).isEqualTo(config.cluster()));
    assertThat(topic.heartbeats())
        .allSatisfy(
            r -> {
              assertThat(r.key()).isEqualTo("heartbeat/" + config.cluster());
              assertThat(r.typeHeader()).isEqualTo("CollectorHeartbeat");
            });
    // the pod's facts stay under its UID, untouched by the heartbeats
    assertThat(topic.factsOf(pod.getMetadata().getUid())).isNotEmpty();
  }
}
