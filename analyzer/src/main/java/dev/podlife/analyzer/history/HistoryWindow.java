package dev.podlife.analyzer.history;

import java.time.Instant;

import dev.podlife.analyzer.query.KeysetCursor;
import dev.podlife.analyzer.query.KeysetPaged;
import dev.podlife.analyzer.query.Windowed;
import dev.podlife.analyzer.query.internal.WhereClause;

/**
 * Which part of a pod's history to read: facts at or after {@code from}, before {@code to} (each
 * optional) and after the cursor. Like {@link dev.podlife.analyzer.pods.PodFilter}, the where
 * clause is built from constant fragments only; values are bound.
 */
public record HistoryWindow(Instant from, Instant to, KeysetCursor after)
    implements Windowed, KeysetPaged {

  String whereClause() {
    return new WhereClause()
        .window("h.at", from, to)
        .after("h.at", "h.fact_id", after, WhereClause.Order.ASCENDING)
        .sql();
  }
}
