package dev.podlife.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A core/v1 Event about the pod was created or updated; {@code resourceVersion} is the Event's own.
 */
public record EventObserved(
    PodRef pod, String resourceVersion, Instant at, Instant observedAt, KubeEvent event)
    implements Fact {
  public EventObserved {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(event, "event");
  }

  @Override
  public String subject() {
    return event.uid();
  }
}
