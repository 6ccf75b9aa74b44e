package dev.podlife.collector.coverage;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.podlife.events.CollectorHeartbeat;
import dev.podlife.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatsTest {
  private static final Instant T0 = Instant.parse("2026-11-25T17:00:00Z");
  private final TestClock clock = TestClock.at(T0);
  private final Heartbeats heartbeats =
      new Heartbeats("prod", "collector-0", Duration.ofSeconds(10), clock);

  @Test
  void nothingIsSentBeforeTheInformersAreSynced() {
    clock.set(T0.plusSeconds(30));

    assertThat(heartbeats.due(false)).isEmpty();
  }

  @Test
  void theFirstHeartbeatOfARunSaysItResumedAndLaterOnesComeOncePerInterval() {
    clock.set(T0.plusSeconds(3));
    CollectorHeartbeat first = heartbeats.due(true).orElseThrow();
    clock.set(T0.plusSeconds(12));
    boolean early = heartbeats.due(true).isPresent();
    clock.set(T0.plusSeconds(13));
    CollectorHeartbeat second = heartbeats.due(true).orElseThrow();

    assertThat(first.resumed()).isTrue();
    assertThat(first.startedAt()).isEqualTo(T0);
    assertThat(first.sentAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(first.instance()).isEqualTo("collector-0@" + T0);
    assertThat(early).isFalse();
    assertThat(second.resumed()).isFalse();
    assertThat(second.instance()).isEqualTo(first.instance());
    assertThat(second.key()).isEqualTo("heartbeat/prod");
  }
}
