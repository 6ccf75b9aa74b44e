package dev.podlife.analyzer.terminations;

import java.time.Instant;

import org.jdbi.v3.core.mapper.Nested;

import dev.podlife.analyzer.query.WorkloadRef;

/**
 * One CrashLoopBackOff episode of a container: from its first CrashLoopBackOff to the run that
 * stayed up 10 minutes, the pod's deletion or its end; {@code endedAt} null while it lasts.
 *
 * @param endReason RanStable, PodDeletionRequested, PodDeleted or PodFinished; null while it lasts
 * @param restarts restarts during the episode (restartCount at its end minus at its start)
 * @param maxBackOffSeconds the longest back-off the kubelet announced
 * @param backOffCapReached the back-off reached the kubelet's cap ({@link
 *     CrashLoops#BACK_OFF_CAP_SECONDS}), stored by the projection
 */
public record CrashLoopEpisode(
    long id,
    String cluster,
    String namespace,
    String pod,
    String uid,
    @Nested("workload") WorkloadRef workload,
    String node,
    String container,
    String containerKind,
    Instant startedAt,
    Instant endedAt,
    String endReason,
    int restartsAtStart,
    int restartsAtEnd,
    int restarts,
    Integer maxBackOffSeconds,
    boolean backOffCapReached) {}
