package dev.podlife.analyzer.audit;

import java.util.List;

import dev.podlife.analyzer.query.WorkloadRef;

/**
 * The audit of one workload.
 *
 * @param pods the workload's pods in scope
 * @param latestPod the newest pod, whose spec the spec checks read
 */
public record WorkloadAudit(
    String cluster,
    String namespace,
    WorkloadRef workload,
    long pods,
    String latestPod,
    List<Finding> findings) {
  public WorkloadAudit {
    findings = List.copyOf(findings);
  }
}
