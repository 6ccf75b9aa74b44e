package dev.podlife.api.shutdown;

import dev.podlife.api.reports.ReportRequest;
import dev.podlife.analyzer.query.internal.WhereClause;
import dev.podlife.analyzer.query.Windowed;
import java.time.Instant;
import java.util.List;

/**
 * Which shutdowns a report covers and how it groups them. A shutdown belongs to the window its deletion was
 * requested in ({@code deletion_requested_at} in {@code [from, to)}), so a pod is counted once whenever it exits.
 *
 * <p>The SQL fragments are constants chosen by the request, never request text. Public only because JDBI's
 * {@code @BindMethods} calls the accessors reflectively; not API.
 */
public record ShutdownScope(ReportRequest request) implements Windowed {
  static final String WORKLOAD = "workload";
  static final String NAMESPACE = "namespace";
  static final String CLUSTER = "cluster";
  /** The {@code groupBy} values, the default first. */
  static final List<String> GROUPINGS = List.of(WORKLOAD, NAMESPACE, CLUSTER);

  public String cluster() {
    return request.cluster();
  }

  public String namespace() {
    return request.namespace();
  }

  public String workloadKind() {
    return request.workloadKind();
  }

  public String workloadName() {
    return request.workloadName();
  }

  @Override
  public Instant from() {
    return request.from();
  }

  @Override
  public Instant to() {
    return request.to();
  }

  String whereClause() {
    return new WhereClause()
        .scope("p", cluster(), namespace(), workloadKind(), workloadName())
        .window("p.deletion_requested_at", from(), to())
        .sql();
  }

  /** The group's key columns; those the grouping drops read as null. */
  String keyColumns() {
    return switch (request.groupBy()) {
      case CLUSTER -> "cluster, NULL::text AS namespace, NULL::text AS workload_kind, NULL::text AS workload_name";
      case NAMESPACE -> "cluster, namespace, NULL::text AS workload_kind, NULL::text AS workload_name";
      default -> "cluster, namespace, workload_kind, workload_name";
    };
  }

  String groupColumns() {
    return switch (request.groupBy()) {
      case CLUSTER -> "cluster";
      case NAMESPACE -> "cluster, namespace";
      default -> "cluster, namespace, workload_kind, workload_name";
    };
  }
}
