package dev.podlife.analyzer.pods;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.podlife.events.ContainerKind;
import dev.podlife.events.ContainerState;
import dev.podlife.events.ContainerStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerSummaryTest {
  private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void aCrashLoopingContainerShowsItsWaitingReasonAndHowItsLastRunEnded() {
    ContainerState.Terminated oom =
        new ContainerState.Terminated("OOMKilled", 137, null, T, T.plusSeconds(5), null, "cri://1");
    ContainerSummary summary =
        ContainerSummary.of(
            new ContainerStatus(
                "app",
                ContainerKind.REGULAR,
                new ContainerState.Waiting("CrashLoopBackOff", "back-off 10s"),
                oom,
                false,
                false,
                3,
                "app:1",
                null,
                null));
    assertThat(summary.state()).isEqualTo("waiting");
    assertThat(summary.reason()).isEqualTo("CrashLoopBackOff");
    assertThat(summary.since()).isNull();
    assertThat(summary.restartCount()).isEqualTo(3);
    assertThat(summary.lastTermination())
        .isEqualTo(new ContainerSummary.Termination("OOMKilled", 137, T.plusSeconds(5)));
  }

  @Test
  void aFinishedInitContainerShowsItsExitCodeAndWhenItFinished() {
    ContainerSummary summary =
        ContainerSummary.of(
            new ContainerStatus(
                "init",
                ContainerKind.INIT,
                new ContainerState.Terminated(
                    "Completed", 0, null, T, T.plusSeconds(2), null, null),
                null,
                false,
                null,
                0,
                "busybox",
                null,
                null));
    assertThat(summary.kind()).isEqualTo("INIT");
    assertThat(summary.state()).isEqualTo("terminated");
    assertThat(summary.exitCode()).isZero();
    assertThat(summary.since()).isEqualTo(T.plusSeconds(2));
    assertThat(summary.lastTermination()).isNull();
  }

  @Test
  void aContainerWithoutAReportedStateIsUnknown() {
    ContainerSummary summary =
        ContainerSummary.of(
            new ContainerStatus(
                "app", ContainerKind.REGULAR, null, null, false, null, 0, null, null, null));
    assertThat(summary.state()).isEqualTo("unknown");
  }
}
