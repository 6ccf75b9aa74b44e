package dev.podlife.events;

import java.time.Instant;
import java.util.Objects;

/** A container's status changed: state, readiness, started, restart count or last termination. */
public record ContainerStateChanged(
    PodRef pod, String resourceVersion, Instant at, Instant observedAt, ContainerStatus container)
    implements Fact {
  public ContainerStateChanged {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(container, "container");
  }

  @Override
  public String subject() {
    return container.name();
  }
}
