package dev.podlife.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.embedded.KafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(KafkaExtension.class)
class SecondKafkaClassIT {
  @Test
  void seesTheSameBrokerAsEveryOtherTestClass(KafkaBroker broker) {
    assertThat(broker.bootstrapServers()).isEqualTo(KafkaExtension.bootstrapServers());
    assertThat(SeenByTestClasses.kafkaBrokers).allMatch(b -> b.equals(broker.bootstrapServers()));
    SeenByTestClasses.kafkaBrokers.add(broker.bootstrapServers());
  }
}
