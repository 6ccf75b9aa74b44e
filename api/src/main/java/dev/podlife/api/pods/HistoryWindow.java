package dev.podlife.api.pods;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Which part of a pod's history to read: facts at or after {@code from}, before {@code to} (each optional) and after
 * the cursor. Like {@link PodFilter}, the where clause is built from constant fragments only.
 *
 * <p>Public only because JDBI's {@code @BindMethods} calls its accessors reflectively; not API.
 */
public record HistoryWindow(Instant from, Instant to, HistoryCursor after) {

  String whereClause() {
    List<String> conditions = new ArrayList<>();
    if (from != null) {
      conditions.add("h.at >= :fromTime");
    }
    if (to != null) {
      conditions.add(":toTime > h.at");
    }
    if (after != null) {
      conditions.add("(h.at, h.fact_id) > (:afterAt, :afterFactId)");
    }
    return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
  }

  // bound as OffsetDateTime in UTC: unambiguous for timestamptz whatever the JVM's time zone
  public OffsetDateTime fromTime() {
    return utc(from);
  }

  public OffsetDateTime toTime() {
    return utc(to);
  }

  public OffsetDateTime afterAt() {
    return after == null ? null : utc(after.at());
  }

  public Long afterFactId() {
    return after == null ? null : after.factId();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
