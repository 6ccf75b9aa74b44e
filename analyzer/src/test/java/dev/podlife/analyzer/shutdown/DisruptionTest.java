package dev.podlife.analyzer.shutdown;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.podlife.events.PodCondition;
import dev.podlife.events.PodRef;
import dev.podlife.events.PodSnapshot;

import static org.assertj.core.api.Assertions.assertThat;

class DisruptionTest {
  private static final Instant SINCE = Instant.parse("2026-11-25T03:01:00Z");
  private static final String SHUTDOWN =
      "Pod was terminated in response to imminent node shutdown.";

  private static PodSnapshot pod(String reason, String message, PodCondition... conditions) {
    return new PodSnapshot(
        new PodRef("test", "uid-1", "shop", "web-1", null),
        "7",
        null,
        "node-a",
        null,
        null,
        "Failed",
        reason,
        message,
        List.of(conditions),
        null,
        null,
        null,
        null);
  }

  private static PodCondition target(String reason, String message) {
    return new PodCondition("DisruptionTarget", "True", reason, message, SINCE);
  }

  @Test
  void eachDisruptionTargetReasonIsItsOwnDisruption() {
    assertThat(Disruption.of(pod(null, null, target("PreemptionByScheduler", "preempting"))))
        .contains(Disruption.PREEMPTION);
    assertThat(Disruption.of(pod(null, null, target("DeletionByTaintManager", "Taint manager"))))
        .contains(Disruption.TAINT_MANAGER);
    assertThat(Disruption.of(pod(null, null, target("EvictionByEvictionAPI", "Eviction API"))))
        .contains(Disruption.EVICTION);
    assertThat(Disruption.of(pod(null, null, target("DeletionByPodGC", "PodGC"))))
        .contains(Disruption.POD_GC);
  }

  @Test
  void theKubeletsTerminationIsANodeShutdownOnlyWhenTheMessageSaysSo() {
    assertThat(Disruption.of(pod("Terminated", SHUTDOWN, target("TerminationByKubelet", SHUTDOWN))))
        .contains(Disruption.NODE_SHUTDOWN);
    assertThat(
            Disruption.of(
                pod(
                    "Evicted",
                    "The node was low on resource: memory.",
                    target("TerminationByKubelet", "The node was low on resource: memory."))))
        .contains(Disruption.NODE_PRESSURE);
  }

  @Test
  void withoutTheConditionThePhaseReasonTells() {
    assertThat(Disruption.of(pod("Evicted", "The node was low on resource: memory.")))
        .contains(Disruption.NODE_PRESSURE);
    assertThat(Disruption.of(pod("Terminated", SHUTDOWN))).contains(Disruption.NODE_SHUTDOWN);
    assertThat(Disruption.of(pod("Shutdown", "Node is shutting, evicting pods")))
        .contains(Disruption.NODE_SHUTDOWN);
    assertThat(Disruption.of(pod(null, null))).isEmpty();
    assertThat(Disruption.of(pod("DeadlineExceeded", "Pod was active too long"))).isEmpty();
  }

  @Test
  void aConditionThatCameAfterTheExitDidNotCauseIt() {
    PodSnapshot preempted = pod(null, null, target("PreemptionByScheduler", "preempting"));
    assertThat(Disruption.at(preempted, SINCE.minusSeconds(60))).isEmpty();
    assertThat(Disruption.at(preempted, SINCE)).contains(Disruption.PREEMPTION);
    assertThat(Disruption.at(preempted, SINCE.plusSeconds(2))).contains(Disruption.PREEMPTION);
  }

  @Test
  void aFalseConditionIsNoDisruption() {
    PodSnapshot cleared =
        pod(
            null,
            null,
            new PodCondition("DisruptionTarget", "False", "PreemptionByScheduler", null, SINCE));
    assertThat(Disruption.of(cleared)).isEmpty();
  }

  @Test
  void labelsRoundTrip() {
    for (Disruption d : Disruption.values()) {
      assertThat(Disruption.ofLabel(d.label())).contains(d);
    }
    assertThat(Disruption.NODE_SHUTDOWN.label()).isEqualTo("node_shutdown");
    assertThat(Disruption.ofLabel("drain")).isEmpty();
  }
}
