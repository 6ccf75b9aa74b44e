package dev.podlife.api.terminations;

import dev.podlife.api.problem.ProblemException;
import dev.podlife.events.FactSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Where a newest-first page ended: the (time, id) of its last row, as an opaque base64url token. */
public record PageCursor(Instant at, long id) {
  private static final int MAX_TOKEN_LENGTH = 512;

  public PageCursor {
    Objects.requireNonNull(at, "at");
  }

  String encode() {
    byte[] json = FactSerde.mapper().writeValueAsBytes(List.of(at.toString(), id));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
  }

  static PageCursor decode(String token) {
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw malformed();
    }
    try {
      JsonNode node = FactSerde.mapper().readTree(Base64.getUrlDecoder().decode(token.getBytes(StandardCharsets.US_ASCII)));
      if (!node.isArray() || node.size() != 2 || !node.get(0).isString() || !node.get(1).isIntegralNumber()) {
        throw malformed();
      }
      return new PageCursor(Instant.parse(node.get(0).asString()), node.get(1).asLong());
    } catch (IllegalArgumentException | JacksonException | DateTimeParseException e) {
      throw malformed();
    }
  }

  private static ProblemException malformed() {
    return ProblemException.invalidParameter(
        "cursor", "Query parameter 'cursor' is not a cursor this API issued; pass nextCursor from a previous page unchanged");
  }
}
