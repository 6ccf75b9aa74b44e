package dev.podlife.analyzer.store;

/**
 * PostgreSQL's COPY text format, for rows built in a {@link StringBuilder}: NULL is {@code \N};
 * backslash, tab, newline and carriage return are escaped. Shared by the analyzer's ingest and the
 * benchmark's raw-COPY baseline, so both send the same bytes for the same value.
 */
public final class CopyText {
  private CopyText() {}

  /** Appends a value and the tab that ends it. */
  public static void field(StringBuilder out, String value) {
    value(out, value);
    out.append('\t');
  }

  /** Appends the row's last value and the newline that ends the row. */
  public static void last(StringBuilder out, String value) {
    value(out, value);
    out.append('\n');
  }

  /** Appends a value, escaped; null is {@code \N}. */
  public static void value(StringBuilder out, String value) {
    if (value == null) {
      out.append("\\N");
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
  }
}
