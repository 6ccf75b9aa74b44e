package dev.podlife.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollectorHeartbeatContractTest {
  static final String WIRE =
      """
      {"type":"CollectorHeartbeat","v":1,"cluster":"prod","instance":"collector-0-3f2a9c1e",\
      "sentAt":"2026-11-25T03:12:10Z","interval":"PT10S","startedAt":"2026-11-25T03:12:00Z",\
      "resumed":true}\
      """;

  @Test
  void readsAHeartbeatAsTheCollectorWritesIt() {
    FactsTopicMessage message = FactSerde.messageFromBytes(WIRE.getBytes(StandardCharsets.UTF_8));

    assertThat(message)
        .isEqualTo(
            new CollectorHeartbeat(
                "prod",
                "collector-0-3f2a9c1e",
                Instant.parse("2026-11-25T03:12:10Z"),
                Duration.ofSeconds(10),
                Instant.parse("2026-11-25T03:12:00Z"),
                true));
  }

  @Test
  void writesTypeVersionAndIsoTimes() {
    CollectorHeartbeat beat =
        new CollectorHeartbeat(
            "prod",
            "collector-0-3f2a9c1e",
            Instant.parse("2026-11-25T03:12:10Z"),
            Duration.ofSeconds(10),
            Instant.parse("2026-11-25T03:12:00Z"),
            true);

    String json = new String(FactSerde.toBytes(beat), StandardCharsets.UTF_8);

    assertThat(FactSerde.mapper().readTree(json)).isEqualTo(FactSerde.mapper().readTree(WIRE));
    assertThat(FactSerde.messageFromBytes(FactSerde.toBytes(beat))).isEqualTo(beat);
  }

  @Test
  void factsReadAsMessagesAreStillFacts() {
    Fact fact =
        new PhaseChanged(
            FactContractTest.POD,
            "140",
            FactContractTest.T0,
            FactContractTest.T0,
            "Running",
            "Pending",
            null,
            null);

    assertThat(FactSerde.messageFromBytes(FactSerde.toBytes(fact))).isEqualTo(fact);
  }

  @Test
  void aReaderOfFactsOnlyRefusesAHeartbeatAsUnreadableInsteadOfCrashing() {
    // what an analyzer older than heartbeats does with one: a dead letter
    assertThatThrownBy(() -> FactSerde.fromBytes(WIRE.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnreadableFactException.class)
        .hasMessageContaining("CollectorHeartbeat");
  }

  @Test
  void aHeartbeatWithoutItsSenderOrOfANewerSchemaIsUnreadable() {
    assertThatThrownBy(
            () ->
                FactSerde.messageFromBytes(
                    WIRE.replace("\"instance\":\"collector-0-3f2a9c1e\",", "")
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnreadableFactException.class)
        .hasMessageContaining("instance");
    assertThatThrownBy(
            () ->
                FactSerde.messageFromBytes(
                    WIRE.replace("\"v\":1", "\"v\":2").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnreadableFactException.class)
        .hasMessageContaining("newer");
    assertThatThrownBy(
            () ->
                FactSerde.messageFromBytes(
                    WIRE.replace("PT10S", "PT0S").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnreadableFactException.class)
        .hasMessageContaining("interval");
  }
}
