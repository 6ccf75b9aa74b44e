package dev.podlife.api.reports;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.podlife.api.query.QueryParameters;
import dev.podlife.api.query.TimeWindow;

/**
 * The common parameters of every {@code /api/v1/reports/*} route: filters (cluster, namespace,
 * workload), the half-open window {@code [from, to)} in RFC 3339, and a {@code groupBy} from the
 * route's own choices.
 *
 * @param workloadKind null when the workload was given by name only (any kind)
 * @param groupBy one of the route's groupings, or its default
 */
public record ReportRequest(
    String cluster,
    String namespace,
    String workloadKind,
    String workloadName,
    Instant from,
    Instant to,
    String groupBy) {

  /** The parameter names every report accepts. */
  public static final Set<String> PARAMETERS =
      Set.of("cluster", "namespace", "workload", "from", "to", "groupBy");

  /**
   * Reads the common parameters strictly (unknown, repeated or empty parameters are 400s).
   *
   * @param groupings the {@code groupBy} values the route supports; the first is the default
   * @param extra further parameter names the route reads itself from {@code query}
   */
  public static ReportRequest from(
      Map<String, List<String>> parameters, List<String> groupings, Set<String> extra) {
    Set<String> allowed = new HashSet<>(PARAMETERS);
    allowed.addAll(extra);
    return from(new QueryParameters(parameters, allowed), groupings);
  }

  public static ReportRequest from(QueryParameters query, List<String> groupings) {
    QueryParameters.WorkloadParameter workload = query.workload("workload").orElse(null);
    TimeWindow window = query.window();
    String groupBy = query.choice("groupBy", Set.copyOf(groupings)).orElse(groupings.getFirst());
    return new ReportRequest(
        query.optional("cluster").orElse(null),
        query.optional("namespace").orElse(null),
        workload == null ? null : workload.kind(),
        workload == null ? null : workload.name(),
        window.from(),
        window.to(),
        groupBy);
  }
}
