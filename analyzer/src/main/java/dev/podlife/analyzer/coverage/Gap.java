package dev.podlife.analyzer.coverage;

import java.time.Instant;
import java.util.Objects;

/**
 * A time nobody observed the cluster: between the last heartbeat before a silence and the first
 * after it, or till now while the silence lasts ({@code ongoing}). Facts of that time may be
 * missing (a pod created and deleted meanwhile) or stamped late (seen only when the collector
 * resumed).
 */
public record Gap(Instant from, Instant to, boolean ongoing) {
  public Gap {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /** How a user reads it, e.g. {@code not observed between 2026-11-25T17:00:10Z and …}. */
  public String summary() {
    return ongoing
        ? "not observed since " + from + " (still, at " + to + ")"
        : "not observed between " + from + " and " + to;
  }
}
