package dev.podlife.bench.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import dev.podlife.testing.RowsWithoutIds;

/**
 * Compares two podlife databases table by table: every row of every table but Flyway's, with the
 * columns that only number rows ({@code id}, {@code *_id}) left out, since two analyzers storing
 * concurrently draw ids in another order than one.
 */
final class TableContents {
  private TableContents() {}

  /** The tables whose contents differ ("pod: 1,204 vs 1,203 rows"), empty when all are equal. */
  static List<String> differences(Jdbi expected, Jdbi actual) {
    List<String> tables =
        expected.withHandle(
            h ->
                h.createQuery(
                        """
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                          AND c.relname <> 'flyway_schema_history'
                        ORDER BY c.relname
                        """)
                    .mapTo(String.class)
                    .list());
    List<String> differences = new ArrayList<>();
    for (String table : tables) {
      Digest a = expected.withHandle(h -> digest(h, table));
      Digest b = actual.withHandle(h -> digest(h, table));
      if (!a.equals(b)) {
        differences.add(
            table
                + ": "
                + a.rows()
                + " vs "
                + b.rows()
                + " rows"
                + example(expected, actual, table));
      }
    }
    return differences;
  }

  private record Digest(long rows, String md5) {}

  /** One row only the first has and one only the second has, for tables small enough to read. */
  private static String example(Jdbi expected, Jdbi actual, String table) {
    List<String> a = expected.withHandle(h -> rowsOf(h, table));
    List<String> b = actual.withHandle(h -> rowsOf(h, table));
    if (a.size() > 200_000 || b.size() > 200_000) {
      return "";
    }
    List<String> onlyA = new ArrayList<>(a);
    onlyA.removeAll(new java.util.HashSet<>(b));
    List<String> onlyB = new ArrayList<>(b);
    onlyB.removeAll(new java.util.HashSet<>(a));
    return " (e.g. only in one: "
        + (onlyA.isEmpty() ? "-" : onlyA.getFirst())
        + "; only in two: "
        + (onlyB.isEmpty() ? "-" : onlyB.getFirst())
        + ")";
  }

  private static List<String> rowsOf(Handle h, String table) {
    return h.createQuery(
            "SELECT " + RowsWithoutIds.rowText(h, table) + " AS r FROM " + table + " t")
        .mapTo(String.class)
        .list();
  }

  private static Digest digest(Handle h, String table) {
    return h.createQuery(
            "SELECT count(*) AS rows, coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), '') AS md5"
                + " FROM (SELECT "
                + RowsWithoutIds.rowText(h, table)
                + " AS r FROM "
                + Objects.requireNonNull(table)
                + " t) s")
        .map((rs, ctx) -> new Digest(rs.getLong("rows"), rs.getString("md5")))
        .one();
  }
}
