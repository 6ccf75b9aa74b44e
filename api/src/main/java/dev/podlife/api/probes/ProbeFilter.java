package dev.podlife.api.probes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which pods a probes report covers and its window {@code [from, to)}; null filters mean any. Pods are in scope when
 * they existed during the window (created before {@code to}, not deleted before {@code from}).
 *
 * <p>{@link #whereClause()} is assembled only from the constant fragments below; values are always bound. Public only
 * because JDBI's {@code @BindMethods} calls its accessors reflectively, and the CLI builds one.
 *
 * @param uids only these pod UIDs, or null for any
 * @param now the end of intervals still open (not ready until now): the API's clock, or the capture's last moment
 */
public record ProbeFilter(
    String cluster,
    String namespace,
    String workloadKind,
    String workloadName,
    String[] uids,
    Instant from,
    Instant to,
    Instant now) {

  public ProbeFilter {
    Objects.requireNonNull(now, "now");
  }

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
    if (uids != null) {
      conditions.add("p.uid = ANY(:uids)");
    }
    if (to != null) {
      conditions.add("(p.created_at IS NULL OR p.created_at < :to)");
    }
    if (from != null) {
      conditions.add("(p.deleted_at IS NULL OR p.deleted_at >= :from)");
    }
    return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
  }
}
