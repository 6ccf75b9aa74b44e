package dev.podlife.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A collector's word that it was watching {@code cluster} at {@code sentAt}: leading and with its
 * informers synced. It is sent every {@code interval}; a longer silence means nobody observed the
 * cluster, so facts of that time may be missing or late. Not a pod fact: it is keyed {@link #key()}
 * on the facts topic, apart from every pod's facts.
 *
 * @param instance the collector run that sent it (replica identity and start time)
 * @param startedAt when this run started watching
 * @param resumed true on the first heartbeat of a run: the collector (re)started here
 */
public record CollectorHeartbeat(
    String cluster,
    String instance,
    Instant sentAt,
    Duration interval,
    Instant startedAt,
    boolean resumed)
    implements FactsTopicMessage {
  public static final String TYPE = "CollectorHeartbeat";

  public CollectorHeartbeat {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(startedAt, "startedAt");
    if (!interval.isPositive()) {
      throw new IllegalArgumentException("heartbeat interval must be positive: " + interval);
    }
  }

  @JsonIgnore
  @Override
  public String type() {
    return TYPE;
  }

  /** The record key of a cluster's heartbeats: never a pod UID, so no pod's ordering changes. */
  public static String key(String cluster) {
    return "heartbeat/" + cluster;
  }

  @JsonIgnore
  public String key() {
    return key(cluster);
  }
}
