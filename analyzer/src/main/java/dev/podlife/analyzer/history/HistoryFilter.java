package dev.podlife.analyzer.history;

import java.time.Instant;

import dev.podlife.analyzer.query.KeysetCursor;
import dev.podlife.analyzer.query.KeysetPaged;
import dev.podlife.analyzer.query.Windowed;
import dev.podlife.analyzer.query.internal.WhereClause;

/**
 * Which pods' history to merge (one of: a workload, a node) and which part of it: {@code [from,
 * to)} and after the cursor. The where clause is built from the constant fragments below only;
 * values are bound.
 */
public record HistoryFilter(
    String cluster,
    String namespace,
    String workloadKind,
    String workloadName,
    String node,
    Instant from,
    Instant to,
    KeysetCursor after)
    implements Windowed, KeysetPaged {

  String whereClause() {
    return new WhereClause()
        .scope("p", cluster, namespace, workloadKind, workloadName)
        .when(node != null, "p.node = :node")
        .window("h.at", from, to)
        .after("h.at", "h.fact_id", after, WhereClause.Order.ASCENDING)
        .sql();
  }
}
