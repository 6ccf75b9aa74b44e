package dev.podlife.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimelineTest {
  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-25T17:00:00.250Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void tenTimesFasterRunStretchesTimestampsBackToRealDurations() {
    ManualClock clock = new ManualClock();
    Timeline timeline = new Timeline(clock, 0.1);
    clock.now = clock.now.plusMillis(1_200);
    assertThat(timeline.now()).isEqualTo(Instant.parse("2026-11-25T17:00:12.250Z"));
  }

  @Test
  void atRealSpeedSimulatedTimeIsTheInjectedClock() {
    ManualClock clock = new ManualClock();
    Timeline timeline = new Timeline(clock, 1.0);
    clock.now = clock.now.plusSeconds(7);
    assertThat(timeline.now()).isEqualTo(clock.now);
  }

  @Test
  void aScenarioWritesTheTimesOfItsScriptHoweverLongItsRequestsTake() throws InterruptedException {
    ManualClock clock = new ManualClock();
    Timeline scenario = new Timeline(clock, 0.001).branch();
    Instant start = scenario.now();
    clock.now = clock.now.plusMillis(3); // slow requests: 3 s of simulated time
    scenario.pause(Duration.ofSeconds(10));
    assertThat(scenario.now()).isEqualTo(start.plusSeconds(10));
  }

  @Test
  void aScenarioFarBehindTheClockSkipsAheadInsteadOfWritingStaleTimes()
      throws InterruptedException {
    ManualClock clock = new ManualClock();
    Timeline scenario = new Timeline(clock, 0.001).branch();
    Instant start = scenario.now();
    clock.now = clock.now.plusMillis(100); // 100 s of simulated time behind
    scenario.pause(Duration.ofSeconds(1));
    assertThat(scenario.now()).isEqualTo(start.plusSeconds(101));
  }

  @Test
  void stoppingEndsEveryBranchsPause() {
    Timeline root = new Timeline(Clock.systemUTC(), 1.0);
    Timeline scenario = root.branch();
    root.stop();
    assertThatThrownBy(() -> scenario.pause(Duration.ofHours(1)))
        .isInstanceOf(InterruptedException.class);
  }

  @Test
  void objectTimestampsHaveSecondPrecisionAndEventTimeMicroseconds() {
    Instant at = Instant.parse("2026-11-25T17:00:03.987654321Z");
    assertThat(Timeline.time(at)).isEqualTo("2026-11-25T17:00:03Z");
    assertThat(Timeline.microTime(at)).isEqualTo("2026-11-25T17:00:03.987654Z");
  }

  @Test
  void rejectsASpeedThatIsNotPositive() {
    assertThatThrownBy(() -> new Timeline(Clock.systemUTC(), 0))
        .isInstanceOf(SimulatorException.class)
        .hasMessageContaining("time scale");
  }

  @Test
  void pullDurationsReadLikeGoDurations() {
    assertThat(SimulatedPod.goDuration(Duration.ofMillis(10_200))).isEqualTo("10.2s");
    assertThat(SimulatedPod.goDuration(Duration.ofMillis(612))).isEqualTo("612ms");
    assertThat(SimulatedPod.goDuration(Duration.ofMillis(1_234))).isEqualTo("1.234s");
    assertThat(SimulatedPod.goDuration(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(SimulatedPod.goDuration(Duration.ofSeconds(300))).isEqualTo("5m0s");
  }

  @Test
  void seededIdentitiesRepeatNamesPerSeedButNeverAUid() {
    Identities a = new Identities("crashy", 1L);
    Identities b = new Identities("crashy", 1L);
    Identities nextRun = new Identities("crashy", 2L);
    assertThat(a.suffix(5))
        .isEqualTo(b.suffix(5))
        .isEqualTo(nextRun.suffix(5))
        .matches("[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThat(new Identities("crashy", 1L).uid()).isNotEqualTo(nextRun.uid());
    java.util.Set<String> uids = new java.util.HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(uids.add(a.uid())).isTrue();
    }
    assertThat(b.uid())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }
}
