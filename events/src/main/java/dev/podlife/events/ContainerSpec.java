package dev.podlife.events;

import java.util.Objects;

/**
 * The parts of one container's spec that matter for lifecycle analysis.
 *
 * @param terminationMessagePolicy {@code File} (the API server's default) or {@code
 *     FallbackToLogsOnError}; null in facts stored before podlife kept it (unknown, not the
 *     default)
 */
public record ContainerSpec(
    String name,
    ContainerKind kind,
    String image,
    Probe livenessProbe,
    Probe readinessProbe,
    Probe startupProbe,
    Hook postStart,
    Hook preStop,
    String terminationMessagePolicy) {
  public ContainerSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }
}
