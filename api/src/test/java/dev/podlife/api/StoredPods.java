package dev.podlife.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.podlife.analyzer.store.SourcedFact;
import dev.podlife.collector.extract.PodSnapshots;
import dev.podlife.events.Fact;
import dev.podlife.events.FactDiff;
import dev.podlife.events.PodSnapshot;
import dev.podlife.testing.KubeJson;

/**
 * Seeding for the API's ITs: successive versions of one pod object (test resources as the API
 * server wrote them) through the collector's extraction into facts, ready for {@code
 * FactStore.append}.
 */
public final class StoredPods {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private StoredPods() {}

  /**
   * The facts of the versions {@code directory/<version>.json}, each diffed against the one before.
   */
  public static Life life(String cluster, String directory, String... versions) {
    List<Fact> facts = new ArrayList<>();
    PodSnapshot previous = null;
    for (String version : versions) {
      PodSnapshot current =
          PodSnapshots.of(
              cluster,
              SERIALIZATION.unmarshal(
                  KubeJson.resource(directory + "/" + version + ".json"), Pod.class));
      facts.addAll(FactDiff.between(previous, current, null));
      previous = current;
    }
    return new Life(List.copyOf(facts), previous);
  }

  /**
   * The Deployment {@code web}'s pod under {@code terminations/}: OOMKilled, crash-looping, a
   * segfault between two observations, back-off capped, running for good, then stopped and deleted.
   */
  public static Life crashLoopingWeb(String cluster) {
    return life(
        cluster,
        "terminations",
        "web-1-running",
        "web-2-oom-killed",
        "web-3-crash-loop",
        "web-4-running-again",
        "web-5-segfault-between-observations",
        "web-6-back-off-capped",
        "web-7-running-for-good",
        "web-8-stopped-after-23-minutes",
        "web-9-deleted");
  }

  /** One pod object's facts and its last version. */
  public record Life(List<Fact> facts, PodSnapshot last) {
    /**
     * This life ending with the pod's deletion, observed at {@code observedAt} (null: not observed
     * live).
     */
    public Life deleted(Instant observedAt) {
      List<Fact> withDeletion = new ArrayList<>(facts);
      withDeletion.add(FactDiff.deleted(last, observedAt, false));
      return new Life(List.copyOf(withDeletion), last);
    }

    /**
     * This life ending with the pod's deletion, observed at the deletion timestamp of its last
     * version.
     */
    public Life deletedAtItsDeletionTimestamp() {
      return deleted(last.deletionTimestamp());
    }

    /** The facts as the analyzer stores them when read from no topic. */
    public List<SourcedFact> offline() {
      return facts.stream().map(SourcedFact::offline).toList();
    }
  }
}
