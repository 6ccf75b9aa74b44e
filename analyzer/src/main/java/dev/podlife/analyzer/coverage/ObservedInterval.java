package dev.podlife.analyzer.coverage;

import java.time.Instant;
import java.util.Objects;

/**
 * A time a collector observed the cluster without a pause: from the first heartbeat of a run of
 * heartbeats, each within 2.5 intervals of the one before, to the last one, or till now while they
 * keep coming ({@code ongoing}); a report cuts it to its window.
 */
public record ObservedInterval(Instant from, Instant to, boolean ongoing) {
  public ObservedInterval {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
