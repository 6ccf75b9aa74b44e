package dev.podlife.analyzer.terminations;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the terminations report groups by; the first constant is the default. */
public enum TerminationGrouping {
  REASON("reason"),
  /** {@code Kind/name}; a bare pod's terminations group as null. */
  WORKLOAD(
      "CASE WHEN workload_kind IS NULL THEN NULL ELSE workload_kind || '/' || workload_name END"),
  NODE("node"),
  NAMESPACE("namespace"),
  /** The UTC day, {@code YYYY-MM-DD}. */
  DAY("to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD')"),
  /**
   * The {@link dev.podlife.analyzer.shutdown.Disruption} label; undisrupted terminations as null.
   */
  DISRUPTION("disruption");

  private final String expression;

  TerminationGrouping(String expression) {
    this.expression = expression;
  }

  /** The name as the API spells it: {@code reason}, {@code workload}… */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The labels in declaration order, the default first. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(TerminationGrouping::label).toList();
  }

  public static Optional<TerminationGrouping> ofLabel(String label) {
    return Arrays.stream(values()).filter(g -> g.label().equals(label)).findFirst();
  }

  /** The SQL expression over {@code termination} (a constant, never request text). */
  String expression() {
    return expression;
  }
}
