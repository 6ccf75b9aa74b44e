package dev.podlife.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the Kafka side of the pipeline holds: the facts topic's end offsets and the analyzer group's
 * lag.
 */
final class Pipeline {
  private Pipeline() {}

  static Admin admin(String bootstrapServers) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    return Admin.create(p);
  }

  /** End offset per partition of the facts topic. */
  static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) {
    try {
      List<TopicPartition> partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS)
              .get(topic)
              .partitions()
              .stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      return admin
          .listOffsets(
              partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
          .all()
          .get(10, TimeUnit.SECONDS)
          .entrySet()
          .stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    } catch (ExecutionException | TimeoutException e) {
      throw new FaultsException("Couldn't read the end offsets of " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FaultsException("Interrupted while reading the end offsets of " + topic, e);
    }
  }

  /** Records of the topic the group has not committed yet. */
  static long lag(Admin admin, String topic, String group) {
    Map<TopicPartition, Long> end = endOffsets(admin, topic);
    Map<TopicPartition, OffsetAndMetadata> committed;
    try {
      committed =
          admin
              .listConsumerGroupOffsets(Map.of(group, new ListConsumerGroupOffsetsSpec()))
              .partitionsToOffsetAndMetadata(group)
              .get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new FaultsException("Couldn't read the committed offsets of group " + group, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FaultsException("Interrupted while reading the offsets of group " + group, e);
    }
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      OffsetAndMetadata c = committed.get(e.getKey());
      lag += e.getValue() - (c == null ? 0 : c.offset());
    }
    return lag;
  }

  static long total(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Waits until the collector has nothing left to publish (the topic's end offsets hold still for
   * {@code quiet}) and the analyzer has committed everything; returns how long it took.
   */
  static Duration drain(
      Admin admin, String topic, String group, Duration quiet, int timeoutSeconds) {
    long started = System.nanoTime();
    long deadline = started + timeoutSeconds * 1_000_000_000L;
    long lastTotal = -1;
    long stillSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long total;
      long lag;
      try {
        total = total(endOffsets(admin, topic));
        lag = lag(admin, topic, group);
      } catch (FaultsException e) {
        Waits.sleep(500);
        continue;
      }
      if (total != lastTotal) {
        lastTotal = total;
        stillSince = System.nanoTime();
      } else if (lag == 0 && System.nanoTime() - stillSince >= quiet.toNanos()) {
        return Duration.ofNanos(System.nanoTime() - started);
      }
      Waits.sleep(500);
    }
    throw new FaultsException(
        "The pipeline did not drain within "
            + timeoutSeconds
            + " s (topic "
            + topic
            + " at "
            + lastTotal
            + " records, lag "
            + lag(admin, topic, group)
            + ")");
  }
}
