package dev.podlife.analyzer.probes;

import java.time.Instant;
import java.util.Objects;

import dev.podlife.analyzer.query.internal.WhereClause;

/**
 * Which pods a probes report covers and its window {@code [from, to)}; null filters mean any. Pods
 * are in scope when they existed during the window (created before {@code to}, not deleted before
 * {@code from}).
 *
 * <p>{@link #whereClause()} is assembled only from the constant fragments below; values are always
 * bound.
 *
 * @param uids only these pod UIDs, or null for any
 * @param now the end of intervals still open (not ready until now): the API's clock, or the
 *     capture's last moment
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
    return new WhereClause()
        .scope("p", cluster, namespace, workloadKind, workloadName)
        .when(uids != null, "p.uid = ANY(:uids)")
        // in scope when the pod existed during the window, not when something happened in it
        .when(to != null, "(p.created_at IS NULL OR p.created_at < :to)")
        .when(from != null, "(p.deleted_at IS NULL OR p.deleted_at >= :from)")
        .sql();
  }
}
