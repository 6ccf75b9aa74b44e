package dev.podlife.analyzer.history;

import java.time.Instant;
import java.util.List;

/**
 * One pod object that bore a namespace/name: its UID, lifetime, last kubectl STATUS and its history
 * in time order.
 *
 * @param truncated the history has more entries than the route returns per incarnation; page it by
 *     UID
 */
public record Incarnation(
    String cluster,
    String uid,
    Instant createdAt,
    Instant deletedAt,
    String node,
    String status,
    List<IncarnationEntry> entries,
    boolean truncated) {}
