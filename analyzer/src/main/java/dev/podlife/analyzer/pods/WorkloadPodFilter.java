package dev.podlife.analyzer.pods;

import java.time.Instant;
import java.util.List;

import dev.podlife.analyzer.query.Windowed;
import dev.podlife.analyzer.query.internal.WhereClause;

/**
 * Which workload pods a reader looks at (a bare pod has no workload, so it is never included):
 * filters (null = any), pods created in {@code [from, to)}, and, for offline analysis, only the
 * given pod UIDs. The where clause is built from the constant fragments below only; values are
 * bound.
 *
 * <p>The accessors are public because JDBI binds them reflectively.
 */
public record WorkloadPodFilter(
    String cluster,
    String namespace,
    String workloadKind,
    String workloadName,
    Instant from,
    Instant to,
    List<String> uids)
    implements Windowed {

  public WorkloadPodFilter {
    uids = uids == null ? null : List.copyOf(uids);
  }

  /** Conditions on {@code pod p}. */
  String whereClause() {
    return new WhereClause()
        .always("p.workload_kind IS NOT NULL")
        .scope("p", cluster, namespace, workloadKind, workloadName)
        .window("p.created_at", from, to)
        .when(uids != null, "p.uid = ANY(:uidArray)")
        .sql();
  }

  public String[] uidArray() {
    return uids == null ? null : uids.toArray(String[]::new);
  }
}
