package dev.podlife.api.alerts;

import java.time.Instant;

import dev.podlife.analyzer.query.KeysetCursor;
import dev.podlife.analyzer.query.KeysetPaged;
import dev.podlife.analyzer.query.Windowed;
import dev.podlife.analyzer.query.internal.WhereClause;

/**
 * The filters of {@code /api/v1/alerts}, each optional (null = any), the window {@code [from, to)}
 * on when an alert started, and where the previous page ended. The where clause is built from
 * constant fragments; values are bound.
 *
 * <p>Public only because JDBI's {@code @BindMethods} calls its accessors reflectively; not API.
 */
public record AlertFilter(
    String state,
    Long ruleId,
    String cluster,
    String namespace,
    Instant from,
    Instant to,
    KeysetCursor after)
    implements Windowed, KeysetPaged {

  String whereClause() {
    return new WhereClause()
        .when(state != null, "state = :state")
        .when(ruleId != null, "rule_id = :ruleId")
        .scope("", cluster, namespace, null, null)
        .window("starts_at", from, to)
        // newest first, along the alert_by_time index
        .after("starts_at", "id", after, WhereClause.Order.NEWEST_FIRST)
        .sql();
  }
}
