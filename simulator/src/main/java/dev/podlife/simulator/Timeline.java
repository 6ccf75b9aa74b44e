package dev.podlife.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Simulated time. The demo's clock runs {@code 1 / timeScale} times as fast as the injected clock
 * from the moment the demo starts (at time scale 1.0 it is the injected clock; at 0.1 ten times as
 * fast), so a fast run still writes timestamps as far apart as a real cluster's would be.
 *
 * <p>Each scenario plays on a {@linkplain #branch() branch} with a cursor of its own: its "now" is
 * where its script stands (start plus the pauses so far), and each pause sleeps until the wall
 * clock catches up with the cursor. So the timestamps a scenario writes follow its script exactly,
 * however long the API calls in between take; a branch that falls more than {@link #MAX_LAG} behind
 * the simulated clock jumps forward instead of running late.
 */
final class Timeline {
  static final Duration MAX_LAG = Duration.ofSeconds(30);

  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final double timeScale;
  private final Instant origin;
  private final CountDownLatch stopped;
  private Instant cursor;

  Timeline(Clock clock, double timeScale) {
    this(clock, timeScale, clock.instant(), new CountDownLatch(1));
    if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
      throw new SimulatorException(
          "Couldn't start the demo: the time scale must be a positive number, was " + timeScale);
    }
  }

  private Timeline(Clock clock, double timeScale, Instant origin, CountDownLatch stopped) {
    this.clock = clock;
    this.timeScale = timeScale;
    this.origin = origin;
    this.stopped = stopped;
  }

  /** The same simulated time with a cursor of its own, for one scenario thread. */
  Timeline branch() {
    return new Timeline(clock, timeScale, origin, stopped);
  }

  /** Identifies this run of the demo: the moment it started. */
  long run() {
    return origin.toEpochMilli();
  }

  /** Where this branch's script stands (the simulated clock, until its first pause). */
  Instant now() {
    if (cursor == null) {
      cursor = simulatedClock();
    }
    return cursor;
  }

  String timeNow() {
    return time(now());
  }

  /**
   * Moves the script {@code simulated} forward and sleeps until the wall clock gets there.
   *
   * @throws InterruptedException when the demo is {@linkplain #stop() stopped}
   */
  void pause(Duration simulated) throws InterruptedException {
    Instant from = now();
    Instant clockNow = simulatedClock();
    if (Duration.between(from, clockNow).compareTo(MAX_LAG) > 0) {
      from =
          clockNow; // far behind (an overloaded machine): skip ahead rather than write stale times
    }
    cursor = from.plus(simulated);
    Instant wake =
        origin.plusNanos((long) (Duration.between(origin, cursor).toNanos() * timeScale));
    long sleep = Math.max(Duration.between(clock.instant(), wake).toNanos(), 0);
    if (stopped.await(sleep, TimeUnit.NANOSECONDS)) {
      throw new InterruptedException("demo stopped");
    }
  }

  void pauseSeconds(double simulatedSeconds) throws InterruptedException {
    pause(Duration.ofNanos((long) (simulatedSeconds * 1e9)));
  }

  /**
   * Ends every pause of this timeline and its branches. Scenarios stop at their next pause rather
   * than being interrupted mid-request, which would leave the HTTP client failing half-closed
   * connections.
   */
  void stop() {
    stopped.countDown();
  }

  private Instant simulatedClock() {
    Duration real = Duration.between(origin, clock.instant());
    return origin.plusNanos((long) (real.toNanos() / timeScale));
  }

  /** A metav1.Time: RFC 3339 with second precision, as the API server serializes it. */
  static String time(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** A metav1.MicroTime, as events.k8s.io writers (the scheduler) set eventTime. */
  static String microTime(Instant instant) {
    return MICRO_TIME.format(instant);
  }
}
