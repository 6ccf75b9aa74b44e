package dev.podlife.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A core/v1 Event about a pod, as last seen. The API server updates the same Event object when it
 * repeats ({@code count} and {@code lastTimestamp}, or {@code series} for events.k8s.io/v1), so one
 * Event yields one fact per update.
 *
 * @param type {@code Normal} or {@code Warning}
 * @param fieldPath involvedObject.fieldPath: {@code spec.containers{name}}, {@code
 *     spec.initContainers{name}} or null
 */
public record KubeEvent(
    String uid,
    String name,
    String reason,
    String type,
    String message,
    int count,
    Instant firstTimestamp,
    Instant lastTimestamp,
    Instant eventTime,
    Integer seriesCount,
    Instant seriesLastObservedTime,
    String reportingComponent,
    String reportingInstance,
    String sourceComponent,
    String sourceHost,
    String fieldPath,
    String action) {
  public KubeEvent {
    Objects.requireNonNull(uid, "uid");
  }

  /** How many times the event happened in total, whichever aggregation the API server used. */
  public int occurrences() {
    int fromSeries = seriesCount == null ? 0 : seriesCount;
    return Math.max(Math.max(count, fromSeries), 1);
  }

  /**
   * When it last happened: series.lastObservedTime, else lastTimestamp, else eventTime, else
   * firstTimestamp.
   */
  public Instant lastOccurredAt() {
    if (seriesLastObservedTime != null) {
      return seriesLastObservedTime;
    }
    if (lastTimestamp != null) {
      return lastTimestamp;
    }
    return eventTime != null ? eventTime : firstTimestamp;
  }

  /** When it first happened: eventTime, else firstTimestamp, else the last occurrence. */
  public Instant firstOccurredAt() {
    if (eventTime != null) {
      return eventTime;
    }
    return firstTimestamp != null ? firstTimestamp : lastOccurredAt();
  }

  /** The container named by fieldPath ({@code spec.containers{app}} → {@code app}), or null. */
  public String containerName() {
    if (fieldPath == null) {
      return null;
    }
    int open = fieldPath.indexOf('{');
    int close = fieldPath.indexOf('}', open + 1);
    return open >= 0 && close > open ? fieldPath.substring(open + 1, close) : null;
  }
}
