package dev.podlife.analyzer.query;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a page ordered by (time, id) ended: the time and id of its last row (a fact id for
 * histories, a row id for terminations). The next page starts strictly beyond it, in whichever
 * direction the page is ordered; the API hands it to clients as an opaque token.
 */
public record KeysetCursor(Instant at, long id) {
  public KeysetCursor {
    Objects.requireNonNull(at, "at");
  }
}
