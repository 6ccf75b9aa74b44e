package dev.podlife.collector.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.podlife.collector.extract.PodFactTracker;
import dev.podlife.collector.extract.WorkloadResolver;
import dev.podlife.events.FactSerde;
import dev.podlife.testing.KafkaExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(KafkaExtension.class)
class FactPublisherIT {
  private static final Instant OBSERVED = Instant.parse("2026-11-25T17:00:00Z");

  private String cluster;
  private String factsTopic;
  private String stateTopic;
  private FactPublisher publisher;
  private PodFactTracker tracker;

  @BeforeEach
  void setUp() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    cluster = "it-" + suffix;
    factsTopic = "publisher-facts-" + suffix;
    stateTopic = "publisher-state-" + suffix;
    KafkaExtension.createTopic(factsTopic, 1);
    KafkaExtension.createTopic(stateTopic, 1);
    publisher =
        new FactPublisher(
            KafkaExtension.bootstrapServers(),
            "publisher-it",
            factsTopic,
            stateTopic,
            cluster,
            new SimpleMeterRegistry());
    tracker = new PodFactTracker(cluster, WorkloadResolver.heuristic());
  }

  @AfterEach
  void tearDown() {
    publisher.close();
  }

  @Test
  void aPodChangedTwiceBeforeACheckpointHasOnlyItsLatestSnapshotWritten() {
    Pod running = pod("running-deployment");
    Pod notReady = notReady(running);
    String uid = running.getMetadata().getUid();

    publisher.publishPod(uid, tracker.onPod(running, OBSERVED), tracker.get(uid));
    publisher.publishPod(uid, tracker.onPod(notReady, OBSERVED), tracker.get(uid));
    publisher.flush();

    List<ConsumerRecord<String, byte[]>> state = readAll(stateTopic);
    assertThat(state).hasSize(1);
    assertThat(state.get(0).key()).isEqualTo(StateTopic.key(cluster, uid));
    assertThat(FactSerde.snapshotFromBytes(state.get(0).value())).isEqualTo(tracker.get(uid));
    assertThat(tracker.get(uid).resourceVersion())
        .isEqualTo(notReady.getMetadata().getResourceVersion());
    assertThat(readAll(factsTopic)).isNotEmpty();
  }

  @Test
  void aPodDeletedBeforeACheckpointHasOnlyItsTombstoneWritten() {
    Pod running = pod("running-deployment");
    String uid = running.getMetadata().getUid();

    publisher.publishPod(uid, tracker.onPod(running, OBSERVED), tracker.get(uid));
    publisher.publishPod(uid, tracker.onPodDeleted(running, OBSERVED), null);
    publisher.flush();

    List<ConsumerRecord<String, byte[]>> state = readAll(stateTopic);
    assertThat(state).hasSize(1);
    assertThat(state.get(0).key()).isEqualTo(StateTopic.key(cluster, uid));
    assertThat(state.get(0).value()).isNull();
  }

  @Test
  void snapshotsOfPodsAcknowledgedInSeparateCheckpointsAreEachWritten() {
    Pod running = pod("running-deployment");
    Pod notReady = notReady(running);
    String uid = running.getMetadata().getUid();

    publisher.publishPod(uid, tracker.onPod(running, OBSERVED), tracker.get(uid));
    publisher.flush();
    publisher.publishPod(uid, tracker.onPod(notReady, OBSERVED), tracker.get(uid));
    publisher.flush();

    assertThat(readAll(stateTopic))
        .extracting(r -> FactSerde.snapshotFromBytes(r.value()).resourceVersion())
        .containsExactly(
            running.getMetadata().getResourceVersion(),
            notReady.getMetadata().getResourceVersion());
  }

  /** The same pod, a later resourceVersion, its first container no longer ready. */
  private static Pod notReady(Pod pod) {
    Pod changed = new PodBuilder(pod).build();
    changed
        .getMetadata()
        .setResourceVersion(
            Long.toString(Long.parseLong(pod.getMetadata().getResourceVersion()) + 1));
    changed.getStatus().getContainerStatuses().get(0).setReady(false);
    return changed;
  }

  private static Pod pod(String name) {
    try (InputStream in = FactPublisherIT.class.getResourceAsStream("/pods/" + name + ".json")) {
      return new KubernetesSerialization().unmarshal(in, Pod.class);
    } catch (IOException e) {
      throw new IllegalStateException("Couldn't read test pod " + name, e);
    }
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaExtension.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }
}
