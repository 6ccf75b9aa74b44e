package dev.podlife.analyzer.shutdown;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.podlife.events.ContainerState;

import static org.assertj.core.api.Assertions.assertThat;

class ShutdownOutcomeTest {
  private static ContainerState.Terminated exit(int code, String reason) {
    return new ContainerState.Terminated(
        reason, code, null, null, Instant.parse("2026-11-25T03:01:30Z"), null, null);
  }

  private static ShutdownOutcome after(int seconds, int code, String reason, long grace) {
    return ShutdownOutcome.of(exit(code, reason), Duration.ofSeconds(seconds), grace, true);
  }

  @Test
  void oomKilledWinsOverItsExitCode137() {
    assertThat(after(30, 137, "OOMKilled", 30)).isEqualTo(ShutdownOutcome.OOM_KILLED);
  }

  @Test
  void exitZeroAndExitOnSigtermAreClean() {
    assertThat(after(3, 0, "Completed", 30)).isEqualTo(ShutdownOutcome.CLEAN);
    assertThat(after(29, 143, "Error", 30)).isEqualTo(ShutdownOutcome.CLEAN);
  }

  @Test
  void sigkillFromOneSecondBeforeTheGraceEndsIsKilledAfterGrace() {
    assertThat(after(29, 137, "Error", 30)).isEqualTo(ShutdownOutcome.KILLED_AFTER_GRACE);
    assertThat(after(32, 137, "Error", 30)).isEqualTo(ShutdownOutcome.KILLED_AFTER_GRACE);
    assertThat(ShutdownOutcome.of(exit(137, "Error"), Duration.ofMillis(28_999), 30L, true))
        .isEqualTo(ShutdownOutcome.ERROR_EXIT);
  }

  @Test
  void otherExitsAreErrors() {
    assertThat(after(2, 1, "Error", 30)).isEqualTo(ShutdownOutcome.ERROR_EXIT);
    assertThat(after(2, 137, "Error", 30)).isEqualTo(ShutdownOutcome.ERROR_EXIT);
  }

  @Test
  void aVanishedOrLostContainerIsUnknownAndOneStillStoppingHasNoOutcome() {
    assertThat(ShutdownOutcome.of(null, null, 30L, true)).isEqualTo(ShutdownOutcome.UNKNOWN);
    assertThat(ShutdownOutcome.of(exit(137, "ContainerStatusUnknown"), null, 30L, true))
        .isEqualTo(ShutdownOutcome.UNKNOWN);
    assertThat(ShutdownOutcome.of(null, null, 30L, false)).isNull();
  }

  @Test
  void labelsAreSnakeCase() {
    assertThat(ShutdownOutcome.KILLED_AFTER_GRACE.label()).isEqualTo("killed_after_grace");
  }
}
