package dev.podlife.analyzer.shutdown;

import java.time.Instant;
import java.util.Objects;

import dev.podlife.analyzer.query.Windowed;
import dev.podlife.analyzer.query.internal.WhereClause;

/**
 * Which shutdowns a report covers and how it groups them: filters (null = any) and the window
 * {@code [from, to)}. A shutdown belongs to the window its deletion was requested in ({@code
 * deletion_requested_at}), so a pod is counted once whenever it exits.
 *
 * <p>The accessors are public because JDBI binds them reflectively.
 */
public record ShutdownScope(
    String cluster,
    String namespace,
    String workloadKind,
    String workloadName,
    Instant from,
    Instant to,
    ShutdownGrouping groupBy)
    implements Windowed {

  public ShutdownScope {
    Objects.requireNonNull(groupBy, "groupBy");
  }

  /** Conditions on {@code shutdown_pod p}, from constant fragments only; values are bound. */
  String whereClause() {
    return new WhereClause()
        .scope("p", cluster, namespace, workloadKind, workloadName)
        .window("p.deletion_requested_at", from, to)
        .sql();
  }
}
