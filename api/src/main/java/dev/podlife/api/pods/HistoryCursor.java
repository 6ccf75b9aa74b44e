package dev.podlife.api.pods;

import dev.podlife.events.FactSerde;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** Where a page of a pod's history ended: the (at, factId) of its last entry, as an opaque base64url token. */
public record HistoryCursor(Instant at, long factId) {
  public HistoryCursor {
    Objects.requireNonNull(at, "at");
  }

  String encode() {
    byte[] json = FactSerde.mapper().writeValueAsBytes(List.of(at.toString(), factId));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
  }

  static HistoryCursor decode(String token) {
    JsonNode node = ListingCursor.CursorTokens.decode(token);
    if (!node.isArray() || node.size() != 2 || !node.get(0).isString() || !node.get(1).isIntegralNumber()) {
      throw ListingCursor.CursorTokens.malformed(token);
    }
    try {
      return new HistoryCursor(Instant.parse(node.get(0).asString()), node.get(1).asLong());
    } catch (DateTimeParseException e) {
      throw ListingCursor.CursorTokens.malformed(token);
    }
  }
}
