package dev.podlife.collector.coverage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.podlife.events.CollectorHeartbeat;

/**
 * When one collector run (one leadership term) sends its next {@link CollectorHeartbeat}: every
 * {@code interval} once its informers are synced, the first one marked {@code resumed} so a start
 * after downtime shows. The run asks {@link #due} from its sender thread, so heartbeats queue
 * behind the facts observed before them and are not sent at all while the run is stuck.
 */
public final class Heartbeats {
  private final String cluster;
  private final String instance;
  private final Duration interval;
  private final Clock clock;
  private final Instant startedAt;
  private Instant lastSent;

  /**
   * @param identity the replica's identity; the run's start time is appended, so two runs of one
   *     replica are told apart
   */
  public Heartbeats(String cluster, String identity, Duration interval, Clock clock) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.startedAt = clock.instant();
    this.instance = Objects.requireNonNull(identity, "identity") + "@" + startedAt;
  }

  /**
   * The heartbeat to send now, if one is due; it counts as sent.
   *
   * @param synced whether the informers have listed and are watching
   */
  public Optional<CollectorHeartbeat> due(boolean synced) {
    if (!synced) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (lastSent != null && now.isBefore(lastSent.plus(interval))) {
      return Optional.empty();
    }
    boolean resumed = lastSent == null;
    lastSent = now;
    return Optional.of(
        new CollectorHeartbeat(cluster, instance, now, interval, startedAt, resumed));
  }
}
