package dev.podlife.events;

import java.util.Objects;

/** The parts of one container's spec that matter for lifecycle analysis. */
public record ContainerSpec(
    String name,
    ContainerKind kind,
    String image,
    Probe livenessProbe,
    Probe readinessProbe,
    Probe startupProbe,
    Hook postStart,
    Hook preStop) {
  public ContainerSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }
}
