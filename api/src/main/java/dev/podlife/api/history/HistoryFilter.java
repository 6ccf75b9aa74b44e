package dev.podlife.api.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Which pods' history to merge (one of: a workload, a node) and which part of it: {@code [from, to)} and after the
 * cursor. The where clause is built from the constant fragments below only; values are bound.
 *
 * <p>Public only because JDBI's {@code @BindMethods} calls its accessors reflectively; not API.
 */
public record HistoryFilter(
    String cluster,
    String namespace,
    String workloadKind,
    String workloadName,
    String node,
    Instant from,
    Instant to,
    EntryCursor after) {

  String whereClause() {
    List<String> conditions = new ArrayList<>();
    if (cluster != null) {
      conditions.add("p.cluster = :cluster");
    }
    if (namespace != null) {
      conditions.add("p.namespace = :namespace");
    }
    if (workloadKind != null) {
      conditions.add("p.workload_kind = :workloadKind");
    }
    if (workloadName != null) {
      conditions.add("p.workload_name = :workloadName");
    }
    if (node != null) {
      conditions.add("p.node = :node");
    }
    if (from != null) {
      conditions.add("h.at >= :fromTime");
    }
    if (to != null) {
      conditions.add("h.at < :toTime");
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

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
