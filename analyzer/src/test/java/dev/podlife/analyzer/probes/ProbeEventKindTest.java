package dev.podlife.analyzer.probes;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.podlife.events.KubeEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Events the probes report counts, by the kubelet's reasons and messages. */
class ProbeEventKindTest {
  private static KubeEvent event(String reason, String message) {
    return new KubeEvent(
        "uid",
        "web.187a",
        reason,
        "Warning",
        message,
        1,
        null,
        null,
        null,
        null,
        null,
        "kubelet",
        "worker-1",
        "kubelet",
        "worker-1",
        "spec.containers{app}",
        null);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Unhealthy | Liveness probe failed: HTTP probe failed with statuscode: 500 | LIVENESS",
        "Unhealthy | Readiness probe failed: Get \"http://10.0.0.1:8080/ready\": connection refused"
            + " | READINESS",
        "Unhealthy | Startup probe failed: command \"cat /tmp/started\" exited with 1 | STARTUP",
        "Unhealthy | Readiness probe errored: rpc error: code = Unknown desc = container not"
            + " running | READINESS",
        "Unhealthy | (combined from similar events): Liveness probe failed: dial tcp: i/o timeout |"
            + " LIVENESS",
        "Killing | Container app failed liveness probe, will be restarted | LIVENESS_KILL",
        "Killing | Container app failed startup probe, will be restarted | STARTUP_KILL"
      })
  void probeFailuresAndProbeKillsAreCounted(String reason, String message, ProbeEventKind kind) {
    assertThat(ProbeEventKind.of(event(reason, message))).contains(kind);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ProbeWarning | Readiness probe warning: Probe terminated redirects",
        "Killing | Stopping container app",
        "Unhealthy | Liveness probe warning: slow",
        "BackOff | Back-off restarting failed container app in pod web_shop(uid)"
      })
  void warningsStopsAndOtherEventsAreNot(String reason, String message) {
    assertThat(ProbeEventKind.of(event(reason, message))).isEmpty();
  }

  @Test
  void aKillWithoutFieldPathNamesItsContainerInTheMessage() {
    KubeEvent kill =
        new KubeEvent(
            "uid",
            "web.187b",
            "Killing",
            "Normal",
            "Container app failed liveness probe, will be restarted",
            1,
            null,
            null,
            null,
            null,
            null,
            "kubelet",
            "worker-1",
            "kubelet",
            "worker-1",
            null,
            null);
    assertThat(ProbeEventKind.container(kill)).isEqualTo("app");
    assertThat(ProbeEventKind.container(event("Unhealthy", "Liveness probe failed: x")))
        .isEqualTo("app");
  }

  @Test
  void anEventWithoutMessageIsNotCounted() {
    assertThat(ProbeEventKind.of(event("Unhealthy", null))).isEqualTo(Optional.empty());
  }
}
