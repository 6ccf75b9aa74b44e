package dev.podlife.analyzer.shutdown;

import java.time.Instant;

import org.jdbi.v3.core.mapper.Nested;

import dev.podlife.analyzer.query.WorkloadRef;

/**
 * The shutdown of one pod whose deletion was requested, as {@code shutdown_pod} keeps it; its
 * containers are {@link ShutdownContainer}s.
 *
 * @param deletionRequestedAt the first delete request's acceptance time (deletionTimestamp − grace)
 * @param deletionTimestamp the latest deadline: a later DELETE may only shorten it
 * @param gracePeriodSeconds the effective (latest) grace period, null when unknown
 * @param cause why the pod was deleted ({@link ShutdownCause#label()})
 * @param goneObservedAt when the collector saw the pod object vanish; null offline or on a relist
 * @param podGoneMs deletion requested → the pod object gone, from the live pipeline only
 */
public record Shutdown(
    String cluster,
    String podUid,
    String namespace,
    String podName,
    @Nested("workload") WorkloadRef workload,
    Instant deletionRequestedAt,
    Instant deletionTimestamp,
    Long gracePeriodSeconds,
    String cause,
    boolean gone,
    Instant goneObservedAt,
    Long podGoneMs) {}
