package dev.podlife.analyzer.terminations;

import org.junit.jupiter.api.Test;

import dev.podlife.events.ContainerState;

import static org.assertj.core.api.Assertions.assertThat;

class BackOffAndSignalsTest {

  @Test
  void readsTheBackOffFromTheWaitingMessageAndTheBackOffEvent() {
    assertThat(
            TerminationProjection.backOffSeconds(
                "back-off 2m40s restarting failed container=app pod=web_shop(1)"))
        .isEqualTo(160);
    assertThat(
            TerminationProjection.backOffSeconds(
                "Back-off 5m0s restarting failed container app in pod web_shop(1)"))
        .isEqualTo(300);
    assertThat(TerminationProjection.backOffSeconds("back-off 10s restarting failed container=app"))
        .isEqualTo(10);
    // newer kubelets leave the duration out of the Event
    assertThat(
            TerminationProjection.backOffSeconds(
                "Back-off restarting failed container app in pod web_shop(1)"))
        .isNull();
  }

  @Test
  void theRuntimesSignalWinsOverTheExitCode() {
    assertThat(Signals.of(run(137, 15))).isEqualTo(15);
    assertThat(Signals.of(run(139, null))).isEqualTo(11);
    assertThat(Signals.name(Signals.of(run(139, null)))).isEqualTo("SIGSEGV");
    assertThat(Signals.of(run(1, null))).isNull();
    assertThat(Signals.of(run(128, null))).isNull();
    assertThat(Signals.name(40)).isEqualTo("SIG40");
  }

  private static ContainerState.Terminated run(int exitCode, Integer signal) {
    return new ContainerState.Terminated("Error", exitCode, signal, null, null, null, null);
  }
}
