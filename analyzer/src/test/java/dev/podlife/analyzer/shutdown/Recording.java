package dev.podlife.analyzer.shutdown;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.podlife.collector.extract.EventFacts;
import dev.podlife.collector.extract.PodFactTracker;
import dev.podlife.collector.extract.WorkloadResolver;
import dev.podlife.events.Fact;
import dev.podlife.events.PodSnapshot;
import dev.podlife.testing.KubeJson;

/**
 * A recorded watch stream ({@code kubectl get pods,events --watch --output-watch-events -o json},
 * one event per line) under {@code shutdown/} in the shared fixtures, turned into facts by the
 * collector's own extraction.
 */
public final class Recording {
  static final String CLUSTER = "test";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Recording() {}

  /** Facts as offline analysis extracts them: no observation times. */
  public static List<Fact> offline(String name) {
    return facts(name, null);
  }

  /**
   * Facts as the live collector would send them, having seen the DELETED watch event at {@code
   * deletedObservedAt}.
   */
  public static List<Fact> live(String name, Instant deletedObservedAt) {
    return facts(name, deletedObservedAt);
  }

  private static List<Fact> facts(String name, Instant deletedObservedAt) {
    PodFactTracker pods = new PodFactTracker(CLUSTER, WorkloadResolver.heuristic());
    List<Fact> facts = new ArrayList<>();
    for (String line : KubeJson.resource("shutdown/" + name + ".json").split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      WatchEvent watch = SERIALIZATION.unmarshal(line, WatchEvent.class);
      switch (watch.getObject()) {
        case Pod pod ->
            facts.addAll(
                "DELETED".equals(watch.getType())
                    ? pods.onPodDeleted(pod, deletedObservedAt)
                    : pods.onPod(pod, null));
        case Event event ->
            EventFacts.of(
                    CLUSTER,
                    event,
                    uid -> {
                      PodSnapshot known = pods.get(uid);
                      return known == null ? null : known.pod();
                    },
                    null)
                .ifPresent(facts::add);
        default ->
            throw new IllegalArgumentException(
                "Unexpected object in " + name + ": " + watch.getObject());
      }
    }
    return facts;
  }
}
