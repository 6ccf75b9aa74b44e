package dev.podlife.analyzer.shutdown;

import java.time.Instant;

/**
 * How one container that was running when its pod's deletion was requested stopped, as {@code
 * shutdown_container} keeps it.
 *
 * @param position the kubelet's order of the pod's containers (init and sidecars first)
 * @param prestopConfigured whether it has a preStop hook; null when unknown
 * @param killingAt the kubelet's Killing Event
 * @param secondsToExitMs deletion requested → finishedAt, in milliseconds
 * @param graceUsed the share of the grace period it took to exit
 * @param outcome {@link ShutdownOutcome#label()}; null while it is still stopping
 * @param killedAfterGrace the verdict {@link ShutdownOutcome#KILLED_AFTER_GRACE}, stored by the
 *     projection: every reader counts SIGKILLs after the grace period by this column
 */
public record ShutdownContainer(
    String cluster,
    String podUid,
    String container,
    int position,
    Boolean prestopConfigured,
    boolean prestopFailed,
    Instant killingAt,
    Instant finishedAt,
    Integer exitCode,
    String reason,
    Long secondsToExitMs,
    Double graceUsed,
    String outcome,
    boolean killedAfterGrace) {}
