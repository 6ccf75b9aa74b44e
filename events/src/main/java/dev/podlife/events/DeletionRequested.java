package dev.podlife.events;

import java.time.Instant;
import java.util.Objects;

/**
 * metadata.deletionTimestamp was set (or moved earlier): the pod is terminating.
 *
 * @param deletionTimestamp when the grace period ends: the API server writes acceptance time +
 *     grace
 * @param gracePeriodSeconds metadata.deletionGracePeriodSeconds
 */
public record DeletionRequested(
    PodRef pod,
    String resourceVersion,
    Instant at,
    Instant observedAt,
    Instant deletionTimestamp,
    Long gracePeriodSeconds)
    implements Fact {
  public DeletionRequested {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(deletionTimestamp, "deletionTimestamp");
  }

  /** When the delete request was accepted: deletionTimestamp − deletionGracePeriodSeconds. */
  public Instant requestedAt() {
    return requestedAt(deletionTimestamp, gracePeriodSeconds);
  }

  /**
   * The API server writes deletionTimestamp = acceptance + grace, so acceptance = deletionTimestamp
   * − grace.
   */
  public static Instant requestedAt(Instant deletionTimestamp, Long gracePeriodSeconds) {
    return gracePeriodSeconds == null
        ? deletionTimestamp
        : deletionTimestamp.minusSeconds(gracePeriodSeconds);
  }
}
