package dev.podlife.analyzer.startup;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a startup report groups pods; each group is also per cluster. */
public enum Grouping {
  CLUSTER("p.cluster", "k"),
  NAMESPACE("p.namespace", "k"),
  WORKLOAD("coalesce(p.workload_kind || '/' || p.workload_name, '<none>')", "k"),
  NODE("coalesce(p.node, '<none>')", "k"),
  /**
   * The UTC day of creation: read as a date (cheap to send per pod), labelled {@code YYYY-MM-DD}
   * once per group.
   */
  DAY("(p.created AT TIME ZONE 'UTC')::date", "to_char(CAST(k AS date), 'YYYY-MM-DD')");

  /**
   * The SQL expression of the group key read per pod of {@code pod_startup p}: a fixed fragment.
   */
  final String expression;

  /**
   * The SQL expression of the group's label from {@code k}, the key's text: a fixed fragment
   * evaluated once per group (keys with the same label are one group).
   */
  final String label;

  Grouping(String expression, String label) {
    this.expression = expression;
    this.label = label;
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
