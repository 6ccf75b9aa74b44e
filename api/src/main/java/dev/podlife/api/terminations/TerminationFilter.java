package dev.podlife.api.terminations;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The filters of the termination routes, each optional (null = any), the window {@code [from, to)} on the time a
 * termination happened, and where the previous page ended. The where clause is built from the constant fragments
 * below only; values are bound.
 *
 * <p>Public only because JDBI's {@code @BindMethods} calls its accessors reflectively; not API.
 *
 * @param timeColumn the column the window and cursor apply to: {@code at} for terminations, {@code started_at} for
 *     CrashLoopBackOff episodes
 */
public record TerminationFilter(
    String cluster,
    String namespace,
    String workloadKind,
    String workloadName,
    String node,
    String reason,
    Instant from,
    Instant to,
    PageCursor after,
    String timeColumn) {

  String whereClause() {
    List<String> conditions = new ArrayList<>();
    if (cluster != null) {
      conditions.add("cluster = :cluster");
    }
    if (namespace != null) {
      conditions.add("namespace = :namespace");
    }
    if (workloadKind != null) {
      conditions.add("workload_kind = :workloadKind");
    }
    if (workloadName != null) {
      conditions.add("workload_name = :workloadName");
    }
    if (node != null) {
      conditions.add("node = :node");
    }
    if (reason != null) {
      conditions.add("reason = :reason");
    }
    String time = "started_at".equals(timeColumn) ? "started_at" : "at";
    if (from != null) {
      conditions.add(time + " >= :fromTime");
    }
    if (to != null) {
      conditions.add(time + " < :toTime");
    }
    if (after != null) {
      // newest first: the next page holds what sorts strictly after the cursor in (time DESC, id DESC)
      conditions.add("(" + time + ", id) < (:afterAt, :afterId)");
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

  public Long afterId() {
    return after == null ? null : after.id();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
