package dev.podlife.collector.extract;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

import dev.podlife.events.Workload;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadResolverTest {

  private static Pod ownedBy(String kind, String name, Map<String, String> labels) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName("p")
        .withUid("u")
        .withLabels(labels)
        .withOwnerReferences(owner(kind, name))
        .endMetadata()
        .build();
  }

  private static OwnerReference owner(String kind, String name) {
    return new OwnerReferenceBuilder()
        .withKind(kind)
        .withName(name)
        .withUid(name + "-uid")
        .withController(true)
        .build();
  }

  @Test
  void replicaSetNamedAfterThePodTemplateHashIsADeployment() {
    Pod pod =
        ownedBy("ReplicaSet", "api-server-5f6d7c8b9", Map.of("pod-template-hash", "5f6d7c8b9"));

    assertThat(WorkloadResolver.heuristic().resolve(pod))
        .isEqualTo(new Workload("Deployment", "api-server"));
  }

  @Test
  void replicaSetWithoutMatchingHashStaysAReplicaSet() {
    Pod pod = ownedBy("ReplicaSet", "standalone", Map.of());

    assertThat(WorkloadResolver.heuristic().resolve(pod))
        .isEqualTo(new Workload("ReplicaSet", "standalone"));
  }

  @Test
  void statefulSetDaemonSetJobAndNodeNameThemselves() {
    assertThat(WorkloadResolver.heuristic().resolve(ownedBy("DaemonSet", "kube-proxy", Map.of())))
        .isEqualTo(new Workload("DaemonSet", "kube-proxy"));
    assertThat(WorkloadResolver.heuristic().resolve(ownedBy("Job", "backup-29400960", Map.of())))
        .isEqualTo(new Workload("Job", "backup-29400960"));
    assertThat(WorkloadResolver.heuristic().resolve(ownedBy("Node", "node-a", Map.of())))
        .isEqualTo(new Workload("Node", "node-a"));
  }

  @Test
  void bareAndNonControllerOwnedPodsHaveNoWorkload() {
    Pod bare = new PodBuilder().withNewMetadata().withName("p").withUid("u").endMetadata().build();
    Pod referencedOnly =
        new PodBuilder()
            .withNewMetadata()
            .withName("p")
            .withUid("u")
            .withOwnerReferences(
                new OwnerReferenceBuilder().withKind("ConfigMap").withName("c").build())
            .endMetadata()
            .build();

    assertThat(WorkloadResolver.heuristic().resolve(bare)).isNull();
    assertThat(WorkloadResolver.heuristic().resolve(referencedOnly)).isNull();
  }

  @Test
  void knownOwnersResolveJobsToCronJobsAndReplicaSetsToDeployments() {
    WorkloadResolver.ControllerOwners owners =
        (kind, namespace, name) ->
            switch (kind + "/" + namespace + "/" + name) {
              case "Job/ns/backup-29400960" -> Optional.of(List.of(owner("CronJob", "backup")));
              case "ReplicaSet/ns/renamed-abc" ->
                  Optional.of(List.of(owner("Deployment", "renamed")));
              case "Job/ns/manual" -> Optional.of(List.of());
              default -> Optional.empty();
            };
    WorkloadResolver resolver = WorkloadResolver.throughOwners(owners);

    assertThat(resolver.resolve(ownedBy("Job", "backup-29400960", Map.of())))
        .isEqualTo(new Workload("CronJob", "backup"));
    assertThat(resolver.resolve(ownedBy("ReplicaSet", "renamed-abc", Map.of())))
        .isEqualTo(new Workload("Deployment", "renamed"));
    assertThat(resolver.resolve(ownedBy("Job", "manual", Map.of())))
        .isEqualTo(new Workload("Job", "manual"));
    // Unknown ReplicaSet: the pod-template-hash heuristic still applies.
    assertThat(
            resolver.resolve(
                ownedBy("ReplicaSet", "web-7d4b", Map.of("pod-template-hash", "7d4b"))))
        .isEqualTo(new Workload("Deployment", "web"));
  }
}
