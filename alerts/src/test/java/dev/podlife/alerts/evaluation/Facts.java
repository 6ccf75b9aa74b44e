package dev.podlife.alerts.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.Pod;

import dev.podlife.analyzer.terminations.PodVersions;
import dev.podlife.collector.extract.PodSnapshots;
import dev.podlife.events.Fact;
import dev.podlife.events.FactDiff;

/** Facts as the collector reports them, from the shared Kubernetes JSON fixtures. */
final class Facts {
  private Facts() {}

  /**
   * A pod of the {@code shop} Deployment (life/4-running.json) created at {@code created} whose
   * container started {@code startup} later: its startup SLI (no image pull, no init containers).
   */
  static List<Fact> startedPod(String suffix, Instant created, Duration startup) {
    Pod pod = PodVersions.pod("life/4-running.json");
    pod.getMetadata().setName("shop-7c9d8f6b5-" + suffix);
    pod.getMetadata()
        .setUid("7f3c2b1a-9e8d-4c7b-a6f5-" + String.format("%012d", Math.abs(suffix.hashCode())));
    pod.getMetadata().setCreationTimestamp(created.toString());
    pod.getStatus().setStartTime(created.plusSeconds(1).toString());
    pod.getStatus()
        .getConditions()
        .forEach(c -> c.setLastTransitionTime(created.plus(startup).toString()));
    pod.getStatus()
        .getContainerStatuses()
        .getFirst()
        .getState()
        .getRunning()
        .setStartedAt(created.plus(startup).toString());
    return FactDiff.between(null, PodSnapshots.of(PodVersions.CLUSTER, pod), null);
  }
}
