package dev.podlife.collector.extract;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.fabric8.kubernetes.api.model.MicroTime;

import dev.podlife.collector.CollectorException;

/**
 * Kubernetes writes times as RFC 3339 strings (metav1.Time, seconds) or MicroTime (microseconds);
 * fabric8 keeps them as text.
 */
final class Timestamps {
  private Timestamps() {}

  /** The instant of an RFC 3339 timestamp, or null when absent or empty. */
  static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      // ISO_OFFSET_DATE_TIME takes "Z" and "+02:00" offsets and any fraction (none, millis, micros,
      // nanos).
      return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new CollectorException("Timestamp '" + text + "' is not RFC 3339", e);
    }
  }

  static Instant parse(MicroTime time) {
    return time == null ? null : parse(time.getTime());
  }
}
