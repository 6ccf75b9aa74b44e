package dev.podlife.analyzer.startup;

import java.time.Instant;

import dev.podlife.analyzer.query.Windowed;
import dev.podlife.analyzer.query.internal.WhereClause;

/**
 * Which pods a startup report covers: those created in {@code [from, to)} (a pod belongs to the
 * window holding its creationTimestamp), optionally of one cluster, namespace, workload or set of
 * UIDs. Null means "any".
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
    String[] uids)
    implements Windowed {

  public static StartupFilter all() {
    return new StartupFilter(null, null, null, null, null, null, null);
  }

  /**
   * The SQL condition on {@code pod_startup p}, from fixed fragments only; the values are bound by
   * name.
   */
  String whereClause() {
    return new WhereClause()
        .always("p.created IS NOT NULL")
        .scope("p", cluster, namespace, workloadKind, workloadName)
        .window("p.created", from, to)
        .when(uids != null, "p.uid = ANY(:uids)")
        .sql();
  }
}
