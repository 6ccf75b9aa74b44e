package dev.podlife.analyzer.shutdown;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the shutdown report groups by; the first constant is the default. */
public enum ShutdownGrouping {
  WORKLOAD(
      "cluster, namespace, workload_kind, workload_name",
      "cluster, namespace, workload_kind, workload_name"),
  NAMESPACE(
      "cluster, namespace, NULL::text AS workload_kind, NULL::text AS workload_name",
      "cluster, namespace"),
  CLUSTER(
      "cluster, NULL::text AS namespace, NULL::text AS workload_kind, NULL::text AS workload_name",
      "cluster");

  private final String keyColumns;
  private final String groupColumns;

  ShutdownGrouping(String keyColumns, String groupColumns) {
    this.keyColumns = keyColumns;
    this.groupColumns = groupColumns;
  }

  /** The name as the API spells it: {@code workload}, {@code namespace}, {@code cluster}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The labels in declaration order, the default first. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(ShutdownGrouping::label).toList();
  }

  public static Optional<ShutdownGrouping> ofLabel(String label) {
    return Arrays.stream(values()).filter(g -> g.label().equals(label)).findFirst();
  }

  /** The group's key columns; those the grouping drops read as null. */
  String keyColumns() {
    return keyColumns;
  }

  String groupColumns() {
    return groupColumns;
  }
}
