package dev.podlife.analyzer.history;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One step in a merged history of several pods: which pod, the fact, and the kubectl columns of
 * that pod right after it.
 *
 * @param factId with {@code at}, orders facts that happened at the same instant
 * @param fact the fact's stored JSON payload, passed through as it is
 */
public record PodHistoryEntry(
    String cluster,
    String namespace,
    String pod,
    String uid,
    Instant at,
    String type,
    String subject,
    String summary,
    String status,
    String ready,
    int restarts,
    long factId,
    @JsonRawValue String fact) {}
