package dev.podlife.analyzer.terminations;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.analyzer.store.SourcedFact;
import dev.podlife.collector.extract.PodSnapshots;
import dev.podlife.events.Fact;
import dev.podlife.events.FactDiff;
import dev.podlife.events.PodSnapshot;
import dev.podlife.testing.KubeJson;

/**
 * Successive versions of pod objects (test resources) turned into facts as the collector reports
 * them.
 */
public final class PodVersions {
  public static final String CLUSTER = "test";

  /**
   * One pod of the {@code web} Deployment from its first run to its deletion, through OOMKilled and
   * crash loops.
   */
  public static final String[] WEB_LIFE = {
    "terminations/web-1-running.json",
    "terminations/web-2-oom-killed.json",
    "terminations/web-3-crash-loop.json",
    "terminations/web-4-running-again.json",
    "terminations/web-5-segfault-between-observations.json",
    "terminations/web-6-back-off-capped.json",
    "terminations/web-7-running-for-good.json",
    "terminations/web-8-stopped-after-23-minutes.json",
    "terminations/web-9-deleted.json"
  };

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private PodVersions() {}

  public static Pod pod(String resource) {
    return SERIALIZATION.unmarshal(KubeJson.resource(resource), Pod.class);
  }

  private static PodSnapshot snapshot(String resource) {
    return PodSnapshots.of(CLUSTER, pod(resource));
  }

  /** The facts of each version in turn, each list diffed against the version before. */
  public static List<List<Fact>> factsPerVersion(String... resources) {
    List<List<Fact>> versions = new ArrayList<>();
    PodSnapshot previous = null;
    for (String resource : resources) {
      PodSnapshot current = snapshot(resource);
      versions.add(FactDiff.between(previous, current, null));
      previous = current;
    }
    return versions;
  }

  /** The facts of all versions, in order, as one batch. */
  public static List<Fact> facts(String... resources) {
    return factsPerVersion(resources).stream().flatMap(List::stream).toList();
  }

  static List<SourcedFact> offline(List<Fact> facts) {
    return StoreUnderTest.offline(facts);
  }

  static List<SourcedFact> offline(String... resources) {
    return offline(facts(resources));
  }
}
