package dev.podlife.api.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Which pods the audit looks at: filters (null = any), pods created in {@code [from, to)}, and, for offline analysis,
 * only the given pod UIDs. The where clause is built from the constant fragments below only; values are bound.
 *
 * <p>Public only because JDBI's {@code @BindMethods} calls its accessors reflectively.
 */
public record AuditScope(
    String cluster,
    String namespace,
    String workloadKind,
    String workloadName,
    Instant from,
    Instant to,
    List<String> uids) {

  public AuditScope {
    uids = uids == null ? null : List.copyOf(uids);
  }

  /** Conditions on {@code pod p} (workload pods only: a bare pod has no workload to fix). */
  String podWhere() {
    List<String> conditions = new ArrayList<>();
    conditions.add("p.workload_kind IS NOT NULL");
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
    if (from != null) {
      conditions.add("p.created_at >= :fromTime");
    }
    if (to != null) {
      conditions.add("p.created_at < :toTime");
    }
    if (uids != null) {
      conditions.add("p.uid = ANY(:uidArray)");
    }
    return String.join(" AND ", conditions);
  }

  public String[] uidArray() {
    return uids == null ? null : uids.toArray(String[]::new);
  }

  public OffsetDateTime fromTime() {
    return from == null ? null : from.atOffset(ZoneOffset.UTC);
  }

  public OffsetDateTime toTime() {
    return to == null ? null : to.atOffset(ZoneOffset.UTC);
  }
}
