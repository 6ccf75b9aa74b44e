package dev.podlife.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Simulated time. Scenario waits are scaled by {@code speed} (0.1 = ten times faster), and the time written into
 * objects is stretched back by the same factor from the moment the demo started, so a fast run still carries
 * timestamps that are as far apart as a real cluster's would be. At speed 1.0 it is the injected clock.
 */
final class Timeline {
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(java.time.ZoneOffset.UTC);

  private final Clock clock;
  private final double speed;
  private final Instant origin;
  private final CountDownLatch stopped;
  private Instant lastWoke;

  Timeline(Clock clock, double speed) {
    this(clock, speed, clock.instant(), new CountDownLatch(1));
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new SimulatorException("Couldn't start the demo: speed must be a positive number, was " + speed);
    }
  }

  private Timeline(Clock clock, double speed, Instant origin, CountDownLatch stopped) {
    this.clock = clock;
    this.speed = speed;
    this.origin = origin;
    this.stopped = stopped;
  }

  /**
   * The same simulated time with a pacing cursor of its own, for one scenario thread: its pauses are measured
   * from where the previous one was due to end, so the time spent in API calls does not add up over a scenario.
   */
  Timeline branch() {
    return new Timeline(clock, speed, origin, stopped);
  }

  /** Identifies this run of the demo: the simulated time it started at. */
  long run() {
    return origin.toEpochMilli();
  }

  Instant now() {
    Duration real = Duration.between(origin, clock.instant());
    return origin.plusNanos((long) (real.toNanos() / speed));
  }

  /**
   * Waits {@code simulated} of simulated time, counted from when the previous pause ended: the API calls made in
   * between are absorbed, but a scenario that fell behind (a slow first request) does not rush to catch up.
   *
   * @throws InterruptedException when the demo is {@linkplain #stop() stopped} or the thread interrupted
   */
  void pause(Duration simulated) throws InterruptedException {
    Instant realNow = clock.instant();
    Instant from = lastWoke == null ? realNow : lastWoke;
    long sleep = Duration.between(realNow, from.plusNanos((long) (simulated.toNanos() * speed))).toNanos();
    if (stopped.await(Math.max(sleep, 0), TimeUnit.NANOSECONDS)) {
      throw new InterruptedException("demo stopped");
    }
    lastWoke = clock.instant();
  }

  /**
   * Ends every pause of this timeline and its branches. Scenarios stop at their next pause rather than being
   * interrupted mid-request, which would leave the HTTP client failing half-closed connections.
   */
  void stop() {
    stopped.countDown();
  }

  void pauseSeconds(double simulatedSeconds) throws InterruptedException {
    pause(Duration.ofNanos((long) (simulatedSeconds * 1e9)));
  }

  /** A metav1.Time: RFC 3339 with second precision, as the API server serializes it. */
  static String time(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** A metav1.MicroTime, as events.k8s.io writers (the scheduler) set eventTime. */
  static String microTime(Instant instant) {
    return MICRO_TIME.format(instant);
  }

  String timeNow() {
    return time(now());
  }
}
