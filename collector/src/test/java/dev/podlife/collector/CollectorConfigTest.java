package dev.podlife.collector;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollectorConfigTest {

  @Test
  void defaultsWatchAllNamespacesIntoTheStandardTopicsWithoutLeaderElection() {
    CollectorConfig config = CollectorConfig.defaults("prod", "localhost:9092");

    assertThat(config.namespaces()).isEmpty();
    assertThat(config.factsTopic()).isEqualTo("podlife.facts");
    assertThat(config.stateTopic()).isEqualTo("podlife.collector-state");
    assertThat(config.partitions()).isEqualTo(6);
    assertThat(config.replicationFactor()).isEqualTo((short) 1);
    assertThat(config.leaderElection()).isFalse();
    assertThat(config.leaseName()).isEqualTo("podlife-collector-prod");
    assertThat(config.identity()).isNotBlank();
    assertThat(config.resync()).isEqualTo(Duration.ZERO);
    assertThat(config.queueCapacity()).isEqualTo(10_000);
  }

  @Test
  void leaderElectionNamesTheLeaseAndTheReplica() {
    CollectorConfig config =
        CollectorConfig.defaults("prod", "kafka:9092")
            .withNamespaces(List.of("shop"))
            .withLeaderElection("podlife", "collector", "replica-0");

    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaseNamespace()).isEqualTo("podlife");
    assertThat(config.leaseName()).isEqualTo("collector");
    assertThat(config.identity()).isEqualTo("replica-0");
    assertThat(config.namespaces()).containsExactly("shop");
  }

  @Test
  void leaderElectionCanBeSwitchedOnKeepingTheDefaultLeaseName() {
    CollectorConfig config =
        CollectorConfig.defaults("prod", "kafka:9092")
            .withFactsTopic("facts")
            .withLeaderElection(true, "podlife");

    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaseNamespace()).isEqualTo("podlife");
    assertThat(config.leaseName()).isEqualTo("podlife-collector-prod");
    assertThat(config.factsTopic()).isEqualTo("facts");
    assertThat(config.stateTopic()).isEqualTo("podlife.collector-state");
  }

  @Test
  void refusesAClusterNameThatWouldBreakStateKeysAndSharedTopics() {
    assertThatThrownBy(() -> CollectorConfig.defaults("a/b", "kafka:9092"))
        .hasMessageContaining("a/b");
    assertThatThrownBy(
            () ->
                CollectorConfig.defaults("prod", "kafka:9092")
                    .withTopics("same", "same", 3, (short) 1))
        .hasMessageContaining("same");
    assertThatThrownBy(() -> CollectorConfig.defaults("prod", "kafka:9092").withQueueCapacity(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
