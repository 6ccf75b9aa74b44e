package dev.podlife.analyzer.pods;

import dev.podlife.analyzer.query.internal.WhereClause;

/**
 * The filters of the pod listing, each optional (null = any), and where the previous page ended.
 *
 * <p>{@link #whereClause()} is assembled only from the constant fragments below, never from request
 * text: values are always bound as parameters. Each combination of filters becomes its own
 * statement, so Postgres plans each one with the index that fits it instead of one generic plan
 * full of {@code :x IS NULL OR …}.
 */
public record PodFilter(
    String cluster,
    String namespace,
    String name,
    String workloadKind,
    String workloadName,
    String phase,
    String status,
    Deleted deleted,
    ListingCursor after) {

  /**
   * Whether deleted pods (whose object is gone) are listed; by default not, as kubectl wouldn't.
   */
  public enum Deleted {
    /** existing and deleted pods alike: the audit trail keeps both */
    ANY,
    /** only pods whose object still exists (what kubectl shows): the default */
    FALSE,
    /** only pods whose object is gone */
    TRUE
  }

  public PodFilter {
    deleted = deleted == null ? Deleted.FALSE : deleted;
  }

  String whereClause() {
    return new WhereClause()
        .when(cluster != null, "cluster = :cluster")
        .when(namespace != null, "namespace = :namespace")
        .when(name != null, "name = :name")
        .when(workloadKind != null, "workload_kind = :workloadKind")
        .when(workloadName != null, "workload_name = :workloadName")
        .when(phase != null, "phase = :phase")
        .when(status != null, "status = :status")
        .when(deleted == Deleted.FALSE, "deleted_at IS NULL")
        .when(deleted == Deleted.TRUE, "deleted_at IS NOT NULL")
        // a row comparison walks the pod_listing index from the cursor on
        .when(
            after != null,
            "(cluster, namespace, name, uid) > (:afterCluster, :afterNamespace, :afterName,"
                + " :afterUid)")
        .sql();
  }

  public String afterCluster() {
    return after == null ? null : after.cluster();
  }

  public String afterNamespace() {
    return after == null ? null : after.namespace();
  }

  public String afterName() {
    return after == null ? null : after.name();
  }

  public String afterUid() {
    return after == null ? null : after.uid();
  }
}
