package dev.podlife.events;

import java.time.Instant;
import java.util.Objects;

/**
 * The pod object is gone from the API server.
 *
 * @param detectedOnRelist true when the collector did not see the delete itself but found the pod
 *     missing when it relisted (it was down, or its watch broke); {@code at} is then only an upper
 *     bound
 */
public record PodDeleted(
    PodRef pod, String resourceVersion, Instant at, Instant observedAt, boolean detectedOnRelist)
    implements Fact {
  public PodDeleted {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(at, "at");
  }
}
