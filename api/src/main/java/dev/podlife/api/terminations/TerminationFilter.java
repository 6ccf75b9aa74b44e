package dev.podlife.api.terminations;

import dev.podlife.analyzer.query.KeysetCursor;
import dev.podlife.analyzer.query.KeysetPaged;
import dev.podlife.analyzer.query.internal.WhereClause;
import dev.podlife.analyzer.query.Windowed;
import java.time.Instant;

/**
 * The filters of the termination routes, each optional (null = any), the window {@code [from, to)} on the time a
 * termination happened, and where the previous page ended. The where clause is built from the constant fragments
 * below only; values are bound.
 *
 * <p>Public only because JDBI's {@code @BindMethods} calls its accessors reflectively; not API.
 *
 * @param timeColumn the column the window and cursor apply to: {@code at} for terminations, {@code started_at} for
 *     CrashLoopBackOff episodes
 */
public record TerminationFilter(
    String cluster,
    String namespace,
    String workloadKind,
    String workloadName,
    String node,
    String reason,
    Instant from,
    Instant to,
    KeysetCursor after,
    String timeColumn)
    implements Windowed, KeysetPaged {

  String whereClause() {
    String time = "started_at".equals(timeColumn) ? "started_at" : "at";
    return new WhereClause()
        .scope("", cluster, namespace, workloadKind, workloadName)
        .when(node != null, "node = :node")
        .when(reason != null, "reason = :reason")
        .window(time, from, to)
        // newest first: the next page holds what sorts strictly after the cursor in (time DESC, id DESC)
        .after(time, "id", after, WhereClause.Order.NEWEST_FIRST)
        .sql();
  }
}
