package dev.podlife.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A pod condition the object no longer carries: the kubelet removes some when what they announce is
 * over (an in-place resize's {@code PodResizePending} and {@code PodResizeInProgress}), so their
 * absence is news.
 *
 * @param last the condition as it was last seen
 */
public record ConditionRemoved(
    PodRef pod, String resourceVersion, Instant at, Instant observedAt, PodCondition last)
    implements Fact {
  public ConditionRemoved {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(last, "last");
  }

  @Override
  public String subject() {
    return last.type();
  }
}
