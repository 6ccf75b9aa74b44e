package dev.podlife.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.embedded.KafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(KafkaExtension.class)
class KafkaExtensionIT {
  private static final String TOPIC = "kafka-extension-it";

  @BeforeAll
  static void createTopic() {
    KafkaExtension.createTopic(TOPIC, 3);
  }

  @Test
  void theInjectedBrokerIsTheSharedOne(KafkaBroker broker) {
    assertThat(broker.bootstrapServers()).isEqualTo(KafkaExtension.bootstrapServers());
  }

  @Test
  void servesProduceAndConsumeOnACreatedTopic(KafkaBroker broker) throws Exception {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(TOPIC, "pod-" + i, "fact-" + i)).get();
      }
    }

    List<String> values = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "kafka-extension-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return values.size() >= 10;
              });
    }
    assertThat(values).hasSize(10).contains("fact-0", "fact-9");
  }

  @Test
  void creatingAnExistingTopicAgainIsHarmless() {
    KafkaExtension.createTopic(TOPIC, 3);
  }
}
