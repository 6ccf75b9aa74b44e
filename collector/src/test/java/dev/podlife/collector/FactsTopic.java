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

import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;

/** Reads a facts topic from the start, keeping every record with its key and type header. */
final class FactsTopic implements AutoCloseable {
  record Record(String key, String typeHeader, Fact fact) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Record> records = new ArrayList<>();

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
      records.add(
          new Record(
              r.key(),
              header == null ? null : new String(header.value(), StandardCharsets.UTF_8),
              FactSerde.fromBytes(r.value())));
    }
    return List.copyOf(records);
  }

  List<Fact> factsOf(String podUid) {
    return poll().stream().filter(r -> r.key().equals(podUid)).map(Record::fact).toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
