package dev.podlife.alerts.evaluation;

import dev.podlife.collector.extract.EventFacts;
import dev.podlife.collector.extract.PodFactTracker;
import dev.podlife.collector.extract.PodSnapshots;
import dev.podlife.collector.extract.WorkloadResolver;
import dev.podlife.events.Fact;
import dev.podlife.events.FactDiff;
import dev.podlife.events.PodSnapshot;
import dev.podlife.testing.KubeJson;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Facts as the collector reports them, from the shared Kubernetes JSON fixtures. */
final class Facts {
  static final String CLUSTER = "test";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Facts() {}

  /** Successive versions of one pod object, each diffed against the one before. */
  static List<Fact> versions(String... resources) {
    List<Fact> facts = new ArrayList<>();
    PodSnapshot previous = null;
    for (String resource : resources) {
      PodSnapshot current = PodSnapshots.of(CLUSTER, pod(resource));
      facts.addAll(FactDiff.between(previous, current, null));
      previous = current;
    }
    return facts;
  }

  /** A recorded watch stream of pods and Events (one watch event per line) under {@code shutdown/}. */
  static List<Fact> recording(String name) {
    PodFactTracker pods = new PodFactTracker(CLUSTER, WorkloadResolver.heuristic());
    List<Fact> facts = new ArrayList<>();
    for (String line : KubeJson.resource("shutdown/" + name + ".json").split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      WatchEvent watch = SERIALIZATION.unmarshal(line, WatchEvent.class);
      switch (watch.getObject()) {
        case Pod pod -> facts.addAll("DELETED".equals(watch.getType()) ? pods.onPodDeleted(pod, null) : pods.onPod(pod, null));
        case Event event -> EventFacts.of(CLUSTER, event, uid -> {
              PodSnapshot known = pods.get(uid);
              return known == null ? null : known.pod();
            }, null)
            .ifPresent(facts::add);
        default -> throw new IllegalArgumentException("Unexpected object in " + name + ": " + watch.getObject());
      }
    }
    return facts;
  }

  /**
   * A pod of the {@code shop} Deployment (life/4-running.json) created at {@code created} whose container started
   * {@code startup} later: its startup SLI (no image pull, no init containers).
   */
  static List<Fact> startedPod(String suffix, Instant created, Duration startup) {
    Pod pod = pod("life/4-running.json");
    pod.getMetadata().setName("shop-7c9d8f6b5-" + suffix);
    pod.getMetadata().setUid("7f3c2b1a-9e8d-4c7b-a6f5-" + String.format("%012d", Math.abs(suffix.hashCode())));
    pod.getMetadata().setCreationTimestamp(created.toString());
    pod.getStatus().setStartTime(created.plusSeconds(1).toString());
    pod.getStatus().getConditions().forEach(c -> c.setLastTransitionTime(created.plus(startup).toString()));
    pod.getStatus().getContainerStatuses().getFirst().getState().getRunning().setStartedAt(created.plus(startup).toString());
    return FactDiff.between(null, PodSnapshots.of(CLUSTER, pod), null);
  }

  private static Pod pod(String resource) {
    return SERIALIZATION.unmarshal(KubeJson.resource(resource), Pod.class);
  }
}
