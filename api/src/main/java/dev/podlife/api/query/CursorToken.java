package dev.podlife.api.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

import dev.podlife.analyzer.query.KeysetCursor;
import dev.podlife.api.problem.ProblemException;
import dev.podlife.events.FactSerde;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The wire format of every keyset cursor: a small JSON array, base64url without padding. Clients
 * see it only as an opaque token to pass back unchanged; a token this API did not issue is a 400 on
 * the {@code cursor} parameter.
 */
public final class CursorToken {
  private static final int MAX_TOKEN_LENGTH = 4096;

  private CursorToken() {}

  public static String encode(List<?> values) {
    byte[] json = FactSerde.mapper().writeValueAsBytes(values);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
  }

  /** A keyset cursor as the token {@code ["<at>", <id>]}. */
  public static String encode(KeysetCursor cursor) {
    return encode(List.of(cursor.at().toString(), cursor.id()));
  }

  /**
   * The keyset cursor in a token {@link #encode(KeysetCursor)} made; any other token is a 400 on
   * {@code cursor}.
   */
  public static KeysetCursor keysetCursor(String token) {
    JsonNode node = decode(token);
    if (!node.isArray()
        || node.size() != 2
        || !node.get(0).isString()
        || !node.get(1).isIntegralNumber()) {
      throw malformed();
    }
    try {
      return new KeysetCursor(Instant.parse(node.get(0).asString()), node.get(1).asLong());
    } catch (DateTimeParseException e) {
      throw malformed();
    }
  }

  /** The JSON inside a token; its shape is for the cursor type to check. */
  public static JsonNode decode(String token) {
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw malformed();
    }
    try {
      return FactSerde.mapper()
          .readTree(Base64.getUrlDecoder().decode(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (IllegalArgumentException | JacksonException e) {
      throw malformed();
    }
  }

  public static ProblemException malformed() {
    return ProblemException.invalidParameter(
        "cursor",
        "Query parameter 'cursor' is not a cursor this API issued; pass nextCursor from a previous"
            + " page unchanged");
  }
}
