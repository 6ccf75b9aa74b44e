package dev.podlife.analyzer.startup;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a startup report groups pods; each group is also per cluster. */
public enum Grouping {
  CLUSTER("p.cluster"),
  NAMESPACE("p.namespace"),
  WORKLOAD("coalesce(p.workload_kind || '/' || p.workload_name, '<none>')"),
  NODE("coalesce(p.node, '<none>')"),
  /** The UTC day of creation. */
  DAY("to_char(p.created AT TIME ZONE 'UTC', 'YYYY-MM-DD')");

  /** The SQL expression of the group key over {@code pod_startup p}: a fixed fragment. */
  final String expression;

  Grouping(String expression) {
    this.expression = expression;
  }

  public String parameterValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static List<String> parameterValues() {
    return Arrays.stream(values()).map(Grouping::parameterValue).toList();
  }

  public static Grouping of(String parameterValue) {
    return valueOf(parameterValue.toUpperCase(Locale.ROOT));
  }
}
