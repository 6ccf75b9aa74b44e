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
    Instant at = start;
    for (int run = 0; run < 60; run++) {
      Duration every = Duration.ofSeconds(random.nextBoolean() ? 10 : 30);
      String instance = "c-" + run % 3;
      Instant started = at;
      for (int i = random.nextInt(1, 40); i > 0; i--) {
        beats.add(new CollectorHeartbeat("prod", instance, at, every, started, at.equals(started)));
        at = at.plus(every);
      }
      at = random.nextInt(4) == 0 ? at.minus(every) : at.plusSeconds(random.nextInt(0, 120));
    }
    return beats;
  }
}
