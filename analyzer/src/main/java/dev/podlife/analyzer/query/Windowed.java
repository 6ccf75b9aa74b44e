package dev.podlife.analyzer.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A filter with a time window {@code [from, to)}, each end optional. Its ends are bound as {@code
 * :fromTime} and {@code :toTime}: OffsetDateTime in UTC, unambiguous for timestamptz whatever the
 * JVM's time zone. Public because JDBI's {@code @BindMethods} calls these accessors reflectively.
 */
public interface Windowed {
  Instant from();

  Instant to();

  default OffsetDateTime fromTime() {
    return utc(from());
  }

  default OffsetDateTime toTime() {
    return utc(to());
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
