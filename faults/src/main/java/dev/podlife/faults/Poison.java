package dev.podlife.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Records no collector writes, produced into the facts topic mid-run: each must become a dead
 * letter.
 */
final class Poison {
  static final int LARGE_VALUE_BYTES = 5 * 1024 * 1024;

  /** One poison record as written: what it is and where it landed. */
  record Sent(String kind, int partition, long offset, int valueBytes) {}

  private Poison() {}

  static List<Sent> produce(String bootstrapServers, String topic) {
    byte[] validFact = oneStoredFact(bootstrapServers, topic);
    try (Admin admin = Pipeline.admin(bootstrapServers)) {
      // the 5 MB record needs a topic that takes it (the broker's default is 1 MB)
      admin
          .incrementalAlterConfigs(
              Map.of(
                  new ConfigResource(ConfigResource.Type.TOPIC, topic),
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry("max.message.bytes", Integer.toString(8 * 1024 * 1024)),
                          AlterConfigOp.OpType.SET))))
          .all()
          .get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new FaultsException("Couldn't raise max.message.bytes of " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FaultsException("Interrupted while configuring " + topic, e);
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(8 * 1024 * 1024));
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    byte[] large = new byte[LARGE_VALUE_BYTES];
    Arrays.fill(large, (byte) 'x');
    byte[] prefix =
        "{\"v\":1,\"type\":\"PodObserved\",\"padding\":\"".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(prefix, 0, large, 0, prefix.length);
    List<Sent> sent = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      sent.add(
          send(
              producer,
              topic,
              "non-JSON",
              key("poison-not-json"),
              "{this is not json".getBytes(StandardCharsets.UTF_8)));
      sent.add(
          send(
              producer,
              topic,
              "unknown fact type",
              key("poison-unknown-type"),
              "{\"v\":1,\"type\":\"PodExploded\",\"at\":\"2026-01-01T00:00:00Z\"}"
                  .getBytes(StandardCharsets.UTF_8)));
      sent.add(send(producer, topic, "5 MB value", key("poison-large"), large));
      sent.add(send(producer, topic, "null key", null, validFact));
    }
    return sent;
  }

  private static byte[] key(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  private static Sent send(
      KafkaProducer<byte[], byte[]> producer, String topic, String kind, byte[] key, byte[] value) {
    try {
      RecordMetadata m =
          producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
      return new Sent(kind, m.partition(), m.offset(), value.length);
    } catch (ExecutionException | TimeoutException e) {
      throw new FaultsException("Couldn't produce the poison record '" + kind + "' to " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FaultsException("Interrupted while producing to " + topic, e);
    }
  }

  /** A real fact's bytes from the topic: sent without its key, it is readable but unkeyed. */
  private static byte[] oneStoredFact(String bootstrapServers, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition first = new TopicPartition(topic, 0);
      consumer.assign(List.of(first));
      consumer.seekToBeginning(List.of(first));
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          return record.value();
        }
      }
    }
    throw new FaultsException("Topic " + topic + " partition 0 has no fact to copy after 30 s");
  }
}
