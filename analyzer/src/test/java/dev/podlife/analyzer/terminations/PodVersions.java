package dev.podlife.analyzer.terminations;

import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.analyzer.store.SourcedFact;
import dev.podlife.collector.extract.PodSnapshots;
import dev.podlife.events.Fact;
import dev.podlife.events.FactDiff;
import dev.podlife.events.PodSnapshot;
import dev.podlife.testing.KubeJson;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;

/** Successive versions of pod objects (test resources) turned into facts as the collector reports them. */
final class PodVersions {
  static final String CLUSTER = "test";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private PodVersions() {}

  static PodSnapshot snapshot(String resource) {
    return PodSnapshots.of(CLUSTER, SERIALIZATION.unmarshal(KubeJson.resource(resource), Pod.class));
  }

  /** The facts of each version in turn, each list diffed against the version before. */
  static List<List<Fact>> factsPerVersion(String... resources) {
    List<List<Fact>> versions = new ArrayList<>();
    PodSnapshot previous = null;
    for (String resource : resources) {
      PodSnapshot current = snapshot(resource);
      versions.add(FactDiff.between(previous, current, null));
      previous = current;
    }
    return versions;
  }

  static List<SourcedFact> offline(List<Fact> facts) {
    return StoreUnderTest.offline(facts);
  }

  static List<SourcedFact> offline(String... resources) {
    return offline(factsPerVersion(resources).stream().flatMap(List::stream).toList());
  }
}
