package dev.podlife.events;

import java.time.Instant;
import java.util.Objects;

/** A pod condition appeared or changed status, reason, message or lastTransitionTime. */
public record ConditionChanged(
    PodRef pod,
    String resourceVersion,
    Instant at,
    Instant observedAt,
    PodCondition condition,
    String previousStatus)
    implements Fact {
  public ConditionChanged {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(condition, "condition");
  }

  @Override
  public String subject() {
    return condition.type();
  }
}
