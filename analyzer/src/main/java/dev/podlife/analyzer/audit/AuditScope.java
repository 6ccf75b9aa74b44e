package dev.podlife.analyzer.audit;

import java.time.Instant;
import java.util.List;

import dev.podlife.analyzer.pods.WorkloadPodFilter;
import dev.podlife.analyzer.query.Windowed;

/**
 * Which pods the audit looks at: filters (null = any), pods created in {@code [from, to)}, and, for
 * offline analysis, only the given pod UIDs (see {@link WorkloadPodFilter}).
 */
public record AuditScope(
    String cluster,
    String namespace,
    String workloadKind,
    String workloadName,
    Instant from,
    Instant to,
    List<String> uids)
    implements Windowed {

  public AuditScope {
    uids = uids == null ? null : List.copyOf(uids);
  }

  /** The pods the audit reads: the same filters, as the pods read model takes them. */
  WorkloadPodFilter pods() {
    return new WorkloadPodFilter(cluster, namespace, workloadKind, workloadName, from, to, uids);
  }
}
