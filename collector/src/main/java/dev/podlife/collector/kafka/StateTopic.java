package dev.podlife.collector.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.podlife.collector.CollectorException;
import dev.podlife.events.FactSerde;
import dev.podlife.events.PodSnapshot;
import dev.podlife.events.UnreadableFactException;

/**
 * The compacted topic where the collector keeps the last snapshot of every live pod, keyed {@code
 * cluster/uid}; a tombstone marks a deleted pod. Read back to its end on start, it tells which
 * facts were already produced.
 */
public final class StateTopic {
  private static final Logger LOG = LoggerFactory.getLogger(StateTopic.class);

  private StateTopic() {}

  public static String key(String cluster, String podUid) {
    return cluster + "/" + podUid;
  }

  /**
   * The snapshots of {@code cluster}'s pods, by pod UID, as of the topic's end when called; {@code
   * timeout} is measured on {@code clock}.
   *
   * @throws CollectorException when the topic cannot be read to its end in time or holds an
   *     unreadable snapshot
   */
  public static Map<String, PodSnapshot> read(
      String bootstrapServers, String topic, String cluster, Duration timeout, Clock clock) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "podlife-collector-state-reader");
    String prefix = key(cluster, "");
    Map<String, PodSnapshot> snapshots = new HashMap<>();
    Instant deadline = clock.instant().plus(timeout);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = FactTopics.partitionsOf(consumer, topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long records = 0;
      while (!reachedEnd(consumer, end)) {
        if (clock.instant().isAfter(deadline)) {
          throw new CollectorException(
              "Couldn't read state topic " + topic + " to its end within " + timeout);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          records++;
          if (record.key() == null || !record.key().startsWith(prefix)) {
            continue; // another cluster's collector shares the topic
          }
          String uid = record.key().substring(prefix.length());
          if (record.value() == null) {
            snapshots.remove(uid);
          } else {
            try {
              snapshots.put(uid, FactSerde.snapshotFromBytes(record.value()));
            } catch (UnreadableFactException e) {
              throw new CollectorException(
                  "Couldn't read the snapshot of pod "
                      + uid
                      + " at "
                      + record.topic()
                      + "-"
                      + record.partition()
                      + "@"
                      + record.offset()
                      + "; a newer collector may have written it",
                  e);
            }
          }
        }
      }
      LOG.info(
          "Read {} records of state topic {}: {} live pods of cluster {}",
          records,
          topic,
          snapshots.size(),
          cluster);
      return snapshots;
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new CollectorException("Couldn't read state topic " + topic + ": " + e.getMessage(), e);
    }
  }

  private static boolean reachedEnd(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    for (var entry : end.entrySet()) {
      if (consumer.position(entry.getKey()) < entry.getValue()) {
        return false;
      }
    }
    return true;
  }
}
