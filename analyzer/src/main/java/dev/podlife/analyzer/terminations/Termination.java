package dev.podlife.analyzer.terminations;

import java.time.Instant;

import org.jdbi.v3.core.mapper.Nested;

import dev.podlife.analyzer.query.WorkloadRef;

/**
 * One abnormal termination: a container run that did not end cleanly, or the pod itself ending
 * (container empty).
 *
 * @param containerKind INIT, SIDECAR, REGULAR or EPHEMERAL; null for the pod itself
 * @param signal the signal's name (SIGKILL…), as the runtime reported it or inferred from an exit
 *     code 128 + n
 * @param at when it happened: finishedAt, else when it was observed
 * @param restartCount the container's restarts before this run (for the pod itself: all its
 *     containers' restarts)
 * @param duringDeletion the pod's deletion had been requested before it ended (an exit within the
 *     grace period)
 * @param disruption what disrupted the pod before it ended ({@link
 *     dev.podlife.analyzer.shutdown.Disruption#label}: preemption, taint_manager, eviction, pod_gc,
 *     node_pressure, node_shutdown); null for none (a crash, an OOM kill, a plain delete)
 * @param oomUncertain reason OOMKilled but exit code 143 (the container ended on SIGTERM) after an
 *     earlier OOMKilled of the same container: the runtime's OOM flag is the cgroup's, and may be a
 *     child process's, not the cause of this exit
 */
public record Termination(
    long id,
    String cluster,
    String namespace,
    String pod,
    String uid,
    @Nested("workload") WorkloadRef workload,
    String node,
    String container,
    String containerKind,
    String reason,
    Integer exitCode,
    String signal,
    Instant startedAt,
    Instant finishedAt,
    Instant at,
    String message,
    Integer restartCount,
    boolean duringDeletion,
    String disruption,
    boolean oomUncertain) {}
