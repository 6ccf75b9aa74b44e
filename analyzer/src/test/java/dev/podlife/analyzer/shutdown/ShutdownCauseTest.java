package dev.podlife.analyzer.shutdown;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.podlife.events.PodCondition;
import dev.podlife.events.PodRef;
import dev.podlife.events.PodSnapshot;

import static org.assertj.core.api.Assertions.assertThat;

class ShutdownCauseTest {
  private static PodSnapshot pod(String reason, String message, PodCondition... conditions) {
    return new PodSnapshot(
        new PodRef("test", "uid-1", "shop", "web-1", null),
        "7",
        null,
        "node-a",
        null,
        null,
        "Running",
        reason,
        message,
        List.of(conditions),
        null,
        Instant.parse("2026-11-25T03:01:30Z"),
        30L,
        null);
  }

  private static PodCondition disruption(String reason, String message) {
    return new PodCondition(
        "DisruptionTarget", "True", reason, message, Instant.parse("2026-11-25T03:01:00Z"));
  }

  @Test
  void aPlainDeleteIsAnApiDeletion() {
    assertThat(ShutdownCause.of(pod(null, null))).isEqualTo(ShutdownCause.API_DELETION);
  }

  @Test
  void theDisruptionTargetReasonNamesTheCause() {
    assertThat(
            ShutdownCause.of(
                pod(null, null, disruption("EvictionByEvictionAPI", "Eviction API: evicting"))))
        .isEqualTo(ShutdownCause.EVICTION);
    assertThat(ShutdownCause.of(pod(null, null, disruption("PreemptionByScheduler", "preempted"))))
        .isEqualTo(ShutdownCause.PREEMPTION);
    assertThat(
            ShutdownCause.of(
                pod(null, null, disruption("DeletionByTaintManager", "Taint manager: deleting"))))
        .isEqualTo(ShutdownCause.EVICTION);
    assertThat(
            ShutdownCause.of(
                pod(null, null, disruption("DeletionByPodGC", "PodGC: node no longer exists"))))
        .isEqualTo(ShutdownCause.POD_GC);
  }

  @Test
  void aFalseDisruptionTargetSaysNothing() {
    PodCondition cleared =
        new PodCondition(
            "DisruptionTarget",
            "False",
            "EvictionByEvictionAPI",
            null,
            Instant.parse("2026-11-25T03:01:00Z"));
    assertThat(ShutdownCause.of(pod(null, null, cleared))).isEqualTo(ShutdownCause.API_DELETION);
  }

  @Test
  void thePhaseReasonTellsKubeletEvictionNodeShutdownAndDeadlines() {
    assertThat(ShutdownCause.of(pod("Evicted", "The node was low on resource: memory.")))
        .isEqualTo(ShutdownCause.EVICTION);
    assertThat(
            ShutdownCause.of(
                pod(
                    "Terminated",
                    "Pod was terminated in response to imminent node shutdown.",
                    disruption(
                        "TerminationByKubelet",
                        "Pod was terminated in response to imminent node shutdown."))))
        .isEqualTo(ShutdownCause.NODE_SHUTDOWN);
    assertThat(
            ShutdownCause.of(
                pod(
                    "DeadlineExceeded",
                    "Pod was active on the node longer than the specified deadline")))
        .isEqualTo(ShutdownCause.JOB_DEADLINE);
  }

  @Test
  void aSpecificCauseIsNotOverwrittenByLaterEvidence() {
    assertThat(ShutdownCause.API_DELETION.refinedBy(ShutdownCause.EVICTION))
        .isEqualTo(ShutdownCause.EVICTION);
    assertThat(ShutdownCause.PREEMPTION.refinedBy(ShutdownCause.API_DELETION))
        .isEqualTo(ShutdownCause.PREEMPTION);
  }
}
