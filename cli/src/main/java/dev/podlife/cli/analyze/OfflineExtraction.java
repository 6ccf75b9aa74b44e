package dev.podlife.cli.analyze;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;

import dev.podlife.collector.extract.EventFacts;
import dev.podlife.collector.extract.PodFactTracker;
import dev.podlife.collector.extract.WorkloadResolver;
import dev.podlife.events.Fact;

/**
 * Turns a capture into facts with the collector's own extraction; offline facts carry no
 * observation time.
 */
final class OfflineExtraction {
  private OfflineExtraction() {}

  static List<Fact> facts(String cluster, Capture capture) {
    PodFactTracker pods = new PodFactTracker(cluster, WorkloadResolver.heuristic());
    List<Fact> facts = new ArrayList<>();
    for (Capture.Observation observation : capture.observations()) {
      switch (observation.object()) {
        case Pod pod ->
            facts.addAll(
                observation.deleted() ? pods.onPodDeleted(pod, null) : pods.onPod(pod, null));
        case Event event -> EventFacts.of(cluster, event, pods::podRef, null).ifPresent(facts::add);
        default ->
            throw new IllegalStateException(
                "CaptureReader yields only Pods and Events: " + observation.object().getKind());
      }
    }
    return facts;
  }
}
