package dev.podlife.analyzer;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.podlife.collector.extract.EventFacts;
import dev.podlife.collector.extract.PodSnapshots;
import dev.podlife.events.EventObserved;
import dev.podlife.events.Fact;
import dev.podlife.events.FactDiff;
import dev.podlife.events.PodSnapshot;
import dev.podlife.testing.KubeJson;

/**
 * One pod's life as the collector would report it: successive versions of the pod object (test
 * resources under {@code life/}) diffed into facts, then its deletion.
 */
public final class PodLife {
  public static final String CLUSTER = "test";
  public static final String UID = "7f3c2b1a-9e8d-4c7b-a6f5-e4d3c2b1a090";

  /** The pod object versions, in order, with the kubectl STATUS each of them shows. */
  public static final List<String> STEPS =
      List.of("1-pending", "2-scheduled", "3-container-creating", "4-running", "5-terminating");

  public static final List<String> STEP_STATUS =
      List.of("Pending", "Pending", "ContainerCreating", "Running", "Terminating");

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private PodLife() {}

  public static PodSnapshot snapshot(String step) {
    return PodSnapshots.of(
        CLUSTER, SERIALIZATION.unmarshal(KubeJson.resource("life/" + step + ".json"), Pod.class));
  }

  /** The facts of each step, in order; the last list is the deletion. */
  public static List<List<Fact>> factsPerStep() {
    List<List<Fact>> steps = new ArrayList<>();
    PodSnapshot previous = null;
    for (String step : STEPS) {
      PodSnapshot current = snapshot(step);
      steps.add(FactDiff.between(previous, current, null));
      previous = current;
    }
    steps.add(List.of(FactDiff.deleted(previous, null, false)));
    return steps;
  }

  public static List<Fact> facts() {
    return factsPerStep().stream().flatMap(List::stream).toList();
  }

  /**
   * The Unhealthy Event about the pod, with a pod reference that lacks the workload (as an unknown
   * pod's has).
   */
  public static EventObserved unhealthyEvent() {
    Event event = SERIALIZATION.unmarshal(KubeJson.resource("events/unhealthy.json"), Event.class);
    return EventFacts.of(CLUSTER, event, uid -> null, null).orElseThrow();
  }
}
