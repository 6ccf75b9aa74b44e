package dev.podlife.analyzer.coverage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.podlife.events.CollectorHeartbeat;

/** Heartbeats of a collector that restarts often, for the gap tests. */
final class HeartbeatDays {
  private HeartbeatDays() {}

  /**
   * 60 runs of cluster {@code prod} from {@code start}: silences of every length around the
   * tolerance, intervals changing between runs (10 s, 30 s) and hand-overs (the next instance's
   * first heartbeat at the last one's instant).
   */
  static List<CollectorHeartbeat> ofRestarts(Instant start, Random random) {
    List<CollectorHeartbeat> beats = new ArrayList<>();
    Instant at = start; // when the next heartbeat is due
    Instant handedOver = null; // the last heartbeat's instant, when the next run starts at it
    for (int run = 0; run < 60; run++) {
      Duration every = Duration.ofSeconds(random.nextBoolean() ? 10 : 30);
      String instance = "c-" + run % 3;
      // a collector's clock has nanoseconds; the server keeps microseconds
      Instant started = handedOver != null ? handedOver : at.plusNanos(random.nextInt(1_000_000));
      for (int i = 0, n = random.nextInt(1, 40); i < n; i++) {
        Instant sentAt = i == 0 ? started : at.plusNanos(random.nextInt(1_000_000));
        beats.add(
            new CollectorHeartbeat(
                "prod", instance, sentAt, every, started, sentAt.equals(started)));
        at = at.plus(every);
      }
      handedOver = random.nextInt(4) == 0 ? beats.getLast().sentAt() : null;
      at = handedOver != null ? at.minus(every) : at.plusSeconds(random.nextInt(0, 120));
    }
    return beats;
  }
}
