package dev.podlife.api.pods;

import java.util.ArrayList;
import java.util.List;

/**
 * The filters of the pod listing, each optional (null = any), and where the previous page ended.
 *
 * <p>{@link #whereClause()} is assembled only from the constant fragments below, never from request text: values
 * are always bound as parameters. Each combination of filters becomes its own statement, so Postgres plans each one
 * with the index that fits it instead of one generic plan full of {@code :x IS NULL OR …}.
 *
 * <p>Public only because JDBI's {@code @BindMethods} calls its accessors reflectively; not API.
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

  /** Whether deleted pods (whose object is gone) are listed; by default not, as kubectl wouldn't. */
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
    List<String> conditions = new ArrayList<>();
    if (cluster != null) {
      conditions.add("cluster = :cluster");
    }
    if (namespace != null) {
      conditions.add("namespace = :namespace");
    }
    if (name != null) {
      conditions.add("name = :name");
    }
    if (workloadKind != null) {
      conditions.add("workload_kind = :workloadKind");
    }
    if (workloadName != null) {
      conditions.add("workload_name = :workloadName");
    }
    if (phase != null) {
      conditions.add("phase = :phase");
    }
    if (status != null) {
      conditions.add("status = :status");
    }
    switch (deleted) {
      case ANY -> {}
      case FALSE -> conditions.add("deleted_at IS NULL");
      case TRUE -> conditions.add("deleted_at IS NOT NULL");
    }
    if (after != null) {
      // a row comparison walks the pod_listing index from the cursor on
      conditions.add("(cluster, namespace, name, uid) > (:afterCluster, :afterNamespace, :afterName, :afterUid)");
    }
    return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
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
