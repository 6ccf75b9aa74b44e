package dev.podlife.analyzer.terminations;

import java.time.Instant;

import dev.podlife.analyzer.query.KeysetCursor;
import dev.podlife.analyzer.query.KeysetPaged;
import dev.podlife.analyzer.query.Windowed;
import dev.podlife.analyzer.query.internal.WhereClause;

/**
 * Which terminations or CrashLoopBackOff episodes to read: filters, each optional (null = any), the
 * window {@code [from, to)} on the time a termination happened (an episode: when it began), and
 * where the previous page ended (null on the first page). {@code reason} and {@code disruption} (a
 * {@link dev.podlife.analyzer.shutdown.Disruption} label) apply to terminations only.
 *
 * <p>The accessors are public because JDBI binds them reflectively.
 */
public record TerminationFilter(
    String cluster,
    String namespace,
    String workloadKind,
    String workloadName,
    String node,
    String reason,
    String disruption,
    Instant from,
    Instant to,
    KeysetCursor after)
    implements Windowed, KeysetPaged {

  /** Every termination (or episode) in {@code [from, to)}. */
  public static TerminationFilter window(Instant from, Instant to) {
    return new TerminationFilter(null, null, null, null, null, null, null, from, to, null);
  }

  /**
   * The where clause on {@code timeColumn}, built from constant fragments only; values are bound.
   */
  String whereClause(String timeColumn, boolean withReason) {
    return new WhereClause()
        .scope("", cluster, namespace, workloadKind, workloadName)
        .when(node != null, "node = :node")
        .when(withReason && reason != null, "reason = :reason")
        .when(withReason && disruption != null, "disruption = :disruption")
        .window(timeColumn, from, to)
        // newest first: the next page holds what sorts strictly after the cursor in (time DESC, id
        // DESC)
        .after(timeColumn, "id", after, WhereClause.Order.NEWEST_FIRST)
        .sql();
  }
}
