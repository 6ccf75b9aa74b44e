package dev.podlife.api.query;

import java.time.Instant;

/** A window {@code [from, to)} read from a request; either end may be open (null). */
public record TimeWindow(Instant from, Instant to) {
  /** Whether the request limited the time at all. */
  public boolean bounded() {
    return from != null || to != null;
  }
}
