package dev.podlife.testing;

import java.util.List;

import org.jdbi.v3.core.Handle;

/**
 * Two stores that hold the same things number them differently (identity columns, the facts' ids
 * that projections point at): compared as JSON text without their {@code id} and {@code *_id}
 * columns, their rows are equal.
 */
public final class RowsWithoutIds {
  private RowsWithoutIds() {}

  /** The SQL expression of a row {@code t} of {@code table} as JSON text without its ids. */
  public static String rowText(Handle h, String table) {
    List<String> numbering =
        h.createQuery(
                """
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = :table
                  AND (column_name = 'id' OR column_name LIKE '%\\_id')
                """)
            .bind("table", table)
            .mapTo(String.class)
            .list();
    return numbering.isEmpty()
        ? "to_jsonb(t)::text"
        : "(to_jsonb(t) - ARRAY["
            + String.join(", ", numbering.stream().map(c -> "'" + c + "'").toList())
            + "])::text";
  }
}
