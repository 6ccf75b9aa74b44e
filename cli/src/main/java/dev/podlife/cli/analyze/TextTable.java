package dev.podlife.cli.analyze;

import java.util.List;

/**
 * The {@code -o table} layout every report of {@code podlife analyze} shares: left-aligned columns
 * three spaces apart, as kubectl prints them, the last column not padded. The first line is the
 * header and gives the number of columns.
 */
final class TextTable {
  private TextTable() {}

  /**
   * The lines aligned, each ending with a newline, spaces the padding left before an empty last
   * cell kept.
   */
  static String align(List<String[]> lines) {
    return render(lines, false);
  }

  /** The lines aligned, each ending with a newline, without trailing spaces. */
  static String alignStripped(List<String[]> lines) {
    return render(lines, true);
  }

  private static String render(List<String[]> lines, boolean stripTrailing) {
    int[] widths = new int[lines.getFirst().length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] line : lines) {
      StringBuilder row = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        row.append(
            i == line.length - 1 ? line[i] : String.format("%-" + (widths[i] + 3) + "s", line[i]));
      }
      out.append(stripTrailing ? row.toString().stripTrailing() : row).append('\n');
    }
    return out.toString();
  }
}
