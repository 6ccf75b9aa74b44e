package dev.podlife.analyzer.query;

import java.time.OffsetDateTime;

/**
 * A filter that continues after a {@link KeysetCursor} (null on the first page), bound as {@code
 * :afterAt} and {@code :afterId}. Public because JDBI's {@code @BindMethods} calls these accessors
 * reflectively.
 */
public interface KeysetPaged {
  KeysetCursor after();

  default OffsetDateTime afterAt() {
    return after() == null ? null : Windowed.utc(after().at());
  }

  default Long afterId() {
    return after() == null ? null : after().id();
  }
}
