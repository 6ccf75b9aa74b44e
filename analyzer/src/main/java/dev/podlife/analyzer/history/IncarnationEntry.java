package dev.podlife.analyzer.history;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** One step of an incarnation's history: the fact and the kubectl columns right after it. */
public record IncarnationEntry(
    Instant at,
    String type,
    String subject,
    String summary,
    String status,
    String ready,
    int restarts,
    long factId,
    @JsonRawValue String fact) {}
