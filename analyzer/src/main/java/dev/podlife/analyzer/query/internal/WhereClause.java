package dev.podlife.analyzer.query.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.podlife.analyzer.query.KeysetCursor;
import dev.podlife.analyzer.query.KeysetPaged;
import dev.podlife.analyzer.query.Windowed;

/**
 * A SQL where clause assembled only from constant fragments, never from request text: values are
 * bound by name (see {@link Windowed} and {@link KeysetPaged} for the accessors the window and
 * cursor fragments bind). Each combination of filters becomes its own statement, so Postgres plans
 * each one with the index that fits it.
 */
public final class WhereClause {
  private final List<String> conditions = new ArrayList<>();

  public WhereClause always(String condition) {
    conditions.add(condition);
    return this;
  }

  public WhereClause when(boolean applies, String condition) {
    if (applies) {
      conditions.add(condition);
    }
    return this;
  }

  /**
   * The common report filters (null = any) on the columns of table {@code alias} ({@code ""} for
   * unqualified columns), bound as {@code :cluster}, {@code :namespace}, {@code :workloadKind} and
   * {@code :workloadName}.
   */
  public WhereClause scope(
      String alias, String cluster, String namespace, String workloadKind, String workloadName) {
    String table = alias.isEmpty() ? "" : alias + ".";
    return when(cluster != null, table + "cluster = :cluster")
        .when(namespace != null, table + "namespace = :namespace")
        .when(workloadKind != null, table + "workload_kind = :workloadKind")
        .when(workloadName != null, table + "workload_name = :workloadName");
  }

  /**
   * The half-open window {@code [from, to)} on {@code column}, each end optional, bound as {@code
   * :fromTime}/{@code :toTime}.
   */
  public WhereClause window(String column, Instant from, Instant to) {
    // ":toTime > column" is "column < :toTime" (same condition, same index range), as the pod
    // history route always
    // wrote it
    return when(from != null, column + " >= :fromTime").when(to != null, ":toTime > " + column);
  }

  /**
   * Strictly beyond {@code after} in {@code (timeColumn, idColumn)} order, ascending or newest
   * first; a row comparison walks a (time, id) index from the cursor on. Bound as {@code
   * :afterAt}/{@code :afterId}.
   */
  public WhereClause after(String timeColumn, String idColumn, KeysetCursor after, Order order) {
    String beyond = order == Order.ASCENDING ? " > " : " < ";
    return when(
        after != null, "(" + timeColumn + ", " + idColumn + ")" + beyond + "(:afterAt, :afterId)");
  }

  /** The direction a keyset page is sorted in. */
  public enum Order {
    ASCENDING,
    NEWEST_FIRST
  }

  public String sql() {
    return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
  }
}
