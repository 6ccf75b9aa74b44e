package dev.podlife.analyzer.pods;

import java.util.Map;
import java.util.Objects;

import dev.podlife.analyzer.query.WorkloadRef;

/**
 * Who a pod is, as a selector matches it: its names, owning workload (null for a bare pod) and
 * labels of its latest snapshot.
 */
public record PodIdentity(
    String cluster,
    String uid,
    String namespace,
    String name,
    WorkloadRef workload,
    Map<String, String> labels) {
  public PodIdentity {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(uid, "uid");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
