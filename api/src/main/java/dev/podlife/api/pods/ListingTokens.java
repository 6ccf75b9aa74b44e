package dev.podlife.api.pods;

import java.util.List;

import dev.podlife.analyzer.pods.ListingCursor;
import dev.podlife.api.query.CursorToken;
import tools.jackson.databind.JsonNode;

/**
 * The opaque {@code cursor} token of the pod listing: a {@link ListingCursor} as a {@link
 * CursorToken}.
 */
final class ListingTokens {
  private ListingTokens() {}

  static String encode(ListingCursor cursor) {
    return CursorToken.encode(
        List.of(cursor.cluster(), cursor.namespace(), cursor.name(), cursor.uid()));
  }

  /**
   * @throws dev.podlife.api.problem.ProblemException (400) when the token is not a listing cursor
   */
  static ListingCursor decode(String token) {
    JsonNode node = CursorToken.decode(token);
    if (!node.isArray() || node.size() != 4 || !allStrings(node)) {
      throw CursorToken.malformed();
    }
    return new ListingCursor(
        node.get(0).asString(),
        node.get(1).asString(),
        node.get(2).asString(),
        node.get(3).asString());
  }

  private static boolean allStrings(JsonNode array) {
    for (JsonNode element : array) {
      if (!element.isString()) {
        return false;
      }
    }
    return true;
  }
}
