package dev.podlife.alerts.evaluation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What one alert of a rule is about: a workload's occurrences of one reason. A rule raises at most
 * one firing alert per group; the {@link #fingerprint()} identifies the group within the rule.
 */
public record Group(
    String cluster, String namespace, String workloadKind, String workloadName, String reason) {
  public Group {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(workloadKind, "workloadKind");
    Objects.requireNonNull(workloadName, "workloadName");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Hex SHA-256 of the fields joined by NUL (which no Kubernetes name or reason contains): stable
   * across versions and analyzers.
   */
  public String fingerprint() {
    String joined = String.join("\0", cluster, namespace, workloadKind, workloadName, reason);
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** As in the {@code workload} label: {@code <kind>/<name>}. */
  public String workload() {
    return workloadKind + "/" + workloadName;
  }
}
