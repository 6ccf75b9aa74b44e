package dev.podlife.api.shutdown;

import org.junit.jupiter.api.Test;

import dev.podlife.analyzer.shutdown.ShutdownGroup;

import static org.assertj.core.api.Assertions.assertThat;

/** The recommendation says something only where the figures make it clear. */
class ShutdownAdviceTest {
  /** A workload's figures: 100 containers with grace 30 s unless told otherwise. */
  private static ShutdownGroup row(
      long killed,
      long oom,
      long preStopFailed,
      long p99Ms,
      double graceUsedP99,
      long graceMin,
      long graceMax) {
    return new ShutdownGroup(
        "prod",
        "shop",
        "Deployment",
        "web",
        50,
        graceMin,
        graceMax,
        null,
        null,
        null,
        100,
        100 - killed - oom,
        killed,
        oom,
        0,
        0,
        0,
        50,
        preStopFailed,
        1_000L,
        p99Ms / 2,
        p99Ms,
        0.1,
        graceUsedP99 / 2,
        graceUsedP99);
  }

  @Test
  void sigkilledContainersAreCalledOutWithTheP99AndTheGrace() {
    ShutdownReport.Group group = ShutdownReport.Group.of(row(12, 0, 0, 29_600, 0.987, 30, 30));
    assertThat(group.killedAfterGracePercent()).isEqualTo(12.0);
    assertThat(group.recommendation())
        .isEqualTo(
            "p99 time-to-exit 29.6 s of 30 s grace: 12 % SIGKILLed — raise the grace period or make"
                + " the app exit on SIGTERM");
  }

  @Test
  void aP99CloseToTheGraceIsAWarningEvenWithoutKills() {
    assertThat(ShutdownReport.Group.of(row(0, 0, 0, 25_000, 25 / 30.0, 30, 30)).recommendation())
        .isEqualTo(
            "p99 time-to-exit 25 s of 30 s grace (83 %): close to SIGKILL — raise the grace period"
                + " or shorten the preStop hook and drain");
  }

  @Test
  void hookFailuresAndOomKillsAreAddedAndMixedGracePeriodsShownAsARange() {
    assertThat(ShutdownReport.Group.of(row(0, 2, 1, 3_000, 0.1, 10, 30)).recommendation())
        .isEqualTo(
            "1 failed preStop hook(s) — fix the hook or keep it well within the grace period; 2"
                + " container(s) OOMKilled while stopping — the shutdown path needs more memory");
    assertThat(ShutdownReport.Group.of(row(1, 0, 0, 31_000, 1.03, 10, 30)).recommendation())
        .startsWith("p99 time-to-exit 31 s of 10–30 s grace: 1 % SIGKILLed");
  }

  @Test
  void aWorkloadThatExitsPromptlyGetsNoAdvice() {
    assertThat(ShutdownReport.Group.of(row(0, 0, 0, 3_000, 0.1, 30, 30)).recommendation()).isNull();
  }
}
