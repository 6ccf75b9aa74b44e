package dev.podlife.analyzer.pods;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.podlife.analyzer.query.WorkloadRef;
import dev.podlife.events.PodSnapshot;

/**
 * One pod with the fields of the listing plus its labels, containers and conditions from the latest
 * snapshot.
 */
public record PodDetail(
    String cluster,
    String namespace,
    String name,
    String uid,
    String phase,
    String node,
    WorkloadRef workload,
    String status,
    String ready,
    int restarts,
    Instant createdAt,
    Instant deletionRequestedAt,
    Instant deletedAt,
    Instant updatedAt,
    String reason,
    String message,
    Map<String, String> labels,
    List<ContainerSummary> containers,
    List<ConditionSummary> conditions) {

  static PodDetail of(PodSummary pod, PodSnapshot snapshot) {
    return new PodDetail(
        pod.cluster(),
        pod.namespace(),
        pod.name(),
        pod.uid(),
        pod.phase(),
        pod.node(),
        pod.workload(),
        pod.status(),
        pod.ready(),
        pod.restarts(),
        pod.createdAt(),
        pod.deletionRequestedAt(),
        pod.deletedAt(),
        pod.updatedAt(),
        snapshot.reason(),
        snapshot.message(),
        snapshot.labels(),
        snapshot.containers().stream().map(ContainerSummary::of).toList(),
        snapshot.conditions().stream().map(ConditionSummary::of).toList());
  }
}
