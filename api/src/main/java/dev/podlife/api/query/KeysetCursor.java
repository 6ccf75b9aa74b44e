package dev.podlife.api.query;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Where a page ordered by (time, id) ended: the time and id of its last row (a fact id for histories, a row id for
 * terminations). Travels as an opaque {@link CursorToken}; the next page starts strictly beyond it, in whichever
 * direction the page is ordered.
 */
public record KeysetCursor(Instant at, long id) {
  public KeysetCursor {
    Objects.requireNonNull(at, "at");
  }

  public String encode() {
    return CursorToken.encode(List.of(at.toString(), id));
  }

  public static KeysetCursor decode(String token) {
    JsonNode node = CursorToken.decode(token);
    if (!node.isArray() || node.size() != 2 || !node.get(0).isString() || !node.get(1).isIntegralNumber()) {
      throw CursorToken.malformed();
    }
    try {
      return new KeysetCursor(Instant.parse(node.get(0).asString()), node.get(1).asLong());
    } catch (DateTimeParseException e) {
      throw CursorToken.malformed();
    }
  }
}
