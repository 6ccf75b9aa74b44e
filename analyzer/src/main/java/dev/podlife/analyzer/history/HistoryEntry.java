package dev.podlife.analyzer.history;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One step of a pod's lifecycle: the fact and the kubectl columns as they were right after it.
 *
 * @param type the fact type (PodObserved, PhaseChanged, ContainerStateChanged…)
 * @param factId the fact's id in the event store; with {@code at} it orders facts that happened at
 *     the same instant
 * @param fact the fact's stored JSON payload, passed through as it is
 */
public record HistoryEntry(
    Instant at,
    String type,
    String subject,
    String summary,
    String status,
    String ready,
    int restarts,
    long factId,
    @JsonRawValue String fact) {}
