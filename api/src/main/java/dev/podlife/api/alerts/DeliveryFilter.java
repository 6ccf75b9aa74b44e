package dev.podlife.api.alerts;

import dev.podlife.analyzer.query.KeysetCursor;
import dev.podlife.analyzer.query.KeysetPaged;
import dev.podlife.analyzer.query.internal.WhereClause;

/**
 * The filters of {@code /api/v1/alerts/deliveries}: failed ones only (true), all but those (false)
 * or any (null), of one alert or any, and where the previous page ended.
 *
 * <p>Public only because JDBI's {@code @BindMethods} calls its accessors reflectively; not API.
 */
public record DeliveryFilter(Boolean failed, Long alertId, KeysetCursor after)
    implements KeysetPaged {

  String whereClause() {
    return new WhereClause()
        // the literal matches the predicate of the partial index alert_notification_failed
        .when(Boolean.TRUE.equals(failed), "state = 'failed'")
        .when(Boolean.FALSE.equals(failed), "state <> 'failed'")
        .when(alertId != null, "alert_id = :alertId")
        .after("created_at", "id", after, WhereClause.Order.NEWEST_FIRST)
        .sql();
  }
}
