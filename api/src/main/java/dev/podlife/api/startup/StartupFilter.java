package dev.podlife.api.startup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which pods a startup report covers: those created in {@code [from, to)} (a pod belongs to the window holding its
 * creationTimestamp), optionally of one cluster, namespace, workload or set of UIDs. Null means "any".
 *
 * @param workloadKind null matches a workload of any kind with {@code workloadName}
 */
public record StartupFilter(
    String cluster,
    String namespace,
    String workloadKind,
    String workloadName,
    Instant from,
    Instant to,
    String[] uids) {

  public static StartupFilter all() {
    return new StartupFilter(null, null, null, null, null, null, null);
  }

  /** The SQL condition on {@code pod_startup p}, from fixed fragments only; the values are bound by name. */
  String whereClause() {
    List<String> conditions = new ArrayList<>();
    conditions.add("p.created IS NOT NULL");
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
      conditions.add("p.created >= :from");
    }
    if (to != null) {
      conditions.add("p.created < :to");
    }
    if (uids != null) {
      conditions.add("p.uid = ANY(:uids)");
    }
    return String.join(" AND ", conditions);
  }
}
