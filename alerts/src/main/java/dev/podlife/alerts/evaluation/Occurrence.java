package dev.podlife.alerts.evaluation;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing a rule's condition counts: a termination, a restart, a pod's startup… at its event time
 * {@code at}. A pod without a workload is its own (kind {@code Pod}, name = the pod's name). {@code
 * container} is null where the occurrence is the pod's (startup, a pod-level termination); {@code
 * value} is the measured value where there is one (a startup's SLI in ms), else null; {@code
 * disruption} what disrupted the pod before a termination ({@link
 * dev.podlife.analyzer.shutdown.Disruption#label}), else null.
 */
public record Occurrence(
    Instant at,
    String cluster,
    String namespace,
    String workloadKind,
    String workloadName,
    String podUid,
    String podName,
    String container,
    String reason,
    Double value,
    String disruption) {

  /** An occurrence no disruption caused. */
  public Occurrence(
      Instant at,
      String cluster,
      String namespace,
      String workloadKind,
      String workloadName,
      String podUid,
      String podName,
      String container,
      String reason,
      Double value) {
    this(
        at,
        cluster,
        namespace,
        workloadKind,
        workloadName,
        podUid,
        podName,
        container,
        reason,
        value,
        null);
  }

  public Occurrence {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(workloadKind, "workloadKind");
    Objects.requireNonNull(workloadName, "workloadName");
    Objects.requireNonNull(podUid, "podUid");
    Objects.requireNonNull(reason, "reason");
    container = container == null || container.isEmpty() ? null : container;
  }

  /** The group this occurrence is counted in. */
  public Group group() {
    return new Group(cluster, namespace, workloadKind, workloadName, reason);
  }
}
