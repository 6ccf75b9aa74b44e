package dev.podlife.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock the test moves by hand, and that may also move one step forward on every reading, so
 * that each change the code under test stamps gets its own, known time.
 */
public final class TestClock extends Clock {
  private final Duration step;
  private Instant now;

  private TestClock(Instant start, Duration step) {
    this.now = start;
    this.step = step;
  }

  /** Stands still at {@code start} until the test {@linkplain #set sets} it. */
  public static TestClock at(Instant start) {
    return new TestClock(start, Duration.ZERO);
  }

  /** Reads {@code start} first, then {@code step} later on each further reading. */
  public static TestClock stepping(Instant start, Duration step) {
    return new TestClock(start, step);
  }

  public synchronized void set(Instant instant) {
    now = instant;
  }

  public void set(String instant) {
    set(Instant.parse(instant));
  }

  @Override
  public synchronized Instant instant() {
    Instant reading = now;
    now = now.plus(step);
    return reading;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock keeps UTC");
  }
}
