package dev.podlife.events;

import java.time.Instant;
import java.util.Objects;

/**
 * status.phase, status.reason or status.message changed.
 *
 * @param reason status.reason, e.g. {@code Evicted}, {@code NodeLost}, {@code
 *     UnexpectedAdmissionError}
 * @param previousPhase the phase before, null when the pod was first seen
 */
public record PhaseChanged(
    PodRef pod,
    String resourceVersion,
    Instant at,
    Instant observedAt,
    String phase,
    String previousPhase,
    String reason,
    String message)
    implements Fact {
  public PhaseChanged {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(at, "at");
  }
}
