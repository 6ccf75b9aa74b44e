package dev.podlife.analyzer.pods;

import java.time.Instant;

import org.jdbi.v3.core.mapper.Nested;

import dev.podlife.analyzer.query.WorkloadRef;

/**
 * One pod as the listing shows it: identity, the kubectl STATUS / READY / RESTARTS columns and its
 * lifecycle times, straight from a row of the {@code pod} projection.
 */
public record PodSummary(
    String cluster,
    String namespace,
    String name,
    String uid,
    String phase,
    String node,
    @Nested("workload") WorkloadRef workload,
    String status,
    String ready,
    int restarts,
    Instant createdAt,
    Instant deletionRequestedAt,
    Instant deletedAt,
    Instant updatedAt) {}
