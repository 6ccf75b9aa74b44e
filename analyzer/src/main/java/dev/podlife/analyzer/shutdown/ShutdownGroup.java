package dev.podlife.analyzer.shutdown;

/**
 * One group's shutdown figures: its pods, their containers counted by outcome ({@code stopping}: no
 * outcome yet) and nearest-rank percentiles (percentile_disc). Durations in milliseconds; {@code
 * workloadKind}/{@code workloadName} are empty for bare pods when grouping by workload, null when
 * the grouping drops them.
 *
 * @param killedAfterGrace containers with the stored verdict {@link
 *     ShutdownContainer#killedAfterGrace()}
 */
public record ShutdownGroup(
    String cluster,
    String namespace,
    String workloadKind,
    String workloadName,
    long pods,
    Long graceMinSeconds,
    Long graceMaxSeconds,
    Long podGoneP50Ms,
    Long podGoneP90Ms,
    Long podGoneP99Ms,
    long containers,
    long clean,
    long killedAfterGrace,
    long oomKilled,
    long errorExit,
    long unknown,
    long stopping,
    long preStopConfigured,
    long preStopFailed,
    Long exitP50Ms,
    Long exitP90Ms,
    Long exitP99Ms,
    Double graceUsedP50,
    Double graceUsedP90,
    Double graceUsedP99) {}
