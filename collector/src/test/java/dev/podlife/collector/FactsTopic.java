package dev.podlife.collector;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.podlife.events.CollectorHeartbeat;
import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;
import dev.podlife.events.FactsTopicMessage;

/**
 * Reads a facts topic from the start, keeping every record with its key and type header; facts and
 * heartbeats apart.
 */
final class FactsTopic implements AutoCloseable {
  /** A record read: a fact or a heartbeat, with its key and type header. */
  record Record(String key, String typeHeader, FactsTopicMessage message) {
    Fact fact() {
      return (Fact) message;
    }

    CollectorHeartbeat heartbeat() {
      return (CollectorHeartbeat) message;
    }
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Record> records = new ArrayList<>();
  private final List<Record> heartbeats = new ArrayList<>();

  FactsTopic(String bootstrapServers, String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** All records read so far, after one more poll; per key in produce order. */
  synchronized List<Record> poll() {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
      var header = r.headers().lastHeader("type");
      Record record =
          new Record(
              r.key(),
              header == null ? null : new String(header.value(), StandardCharsets.UTF_8),
              FactSerde.messageFromBytes(r.value()));
      switch (record.message()) {
        case Fact fact -> records.add(record);
        case CollectorHeartbeat heartbeat -> heartbeats.add(record);
      }
    }
    return List.copyOf(records);
  }

  /** The heartbeats read so far, after one more poll. */
  synchronized List<Record> heartbeats() {
    poll();
    return List.copyOf(heartbeats);
  }

  List<Fact> factsOf(String podUid) {
    return poll().stream().filter(r -> r.key().equals(podUid)).map(Record::fact).toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
