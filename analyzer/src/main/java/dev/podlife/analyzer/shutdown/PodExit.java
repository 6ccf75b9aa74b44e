package dev.podlife.analyzer.shutdown;

import java.time.Instant;

/**
 * When a deleted pod's containers had exited, as the shutdown projection saw it.
 *
 * @param deletionRequestedAt the FIRST delete request's acceptance time (deletionTimestamp −
 *     grace): the anchor
 * @param gracePeriodSeconds the effective (latest) grace period, at whose end the kubelet SIGKILLs;
 *     null when unknown
 * @param lastExitAt the last finish of the containers that stopped with the shutdown; null when
 *     none was seen
 */
public record PodExit(
    String cluster,
    String podUid,
    Instant deletionRequestedAt,
    Long gracePeriodSeconds,
    Instant lastExitAt) {}
