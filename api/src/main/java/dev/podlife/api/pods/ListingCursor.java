package dev.podlife.api.pods;

import dev.podlife.api.problem.ProblemException;
import dev.podlife.events.FactSerde;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Where a page of the pod listing ended: the last (cluster, namespace, name, uid) it held. Clients see it only as an
 * opaque base64url token; the next page starts strictly after it, so pods added or removed meanwhile cause neither
 * duplicates nor gaps among the others.
 */
public record ListingCursor(String cluster, String namespace, String name, String uid) {
  public ListingCursor {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uid, "uid");
  }

  static ListingCursor after(PodSummary pod) {
    return new ListingCursor(pod.cluster(), pod.namespace(), pod.name(), pod.uid());
  }

  String encode() {
    byte[] json = FactSerde.mapper().writeValueAsBytes(List.of(cluster, namespace, name, uid));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
  }

  static ListingCursor decode(String token) {
    JsonNode node = CursorTokens.decode(token);
    if (!node.isArray() || node.size() != 4 || !allStrings(node)) {
      throw CursorTokens.malformed(token);
    }
    return new ListingCursor(node.get(0).asString(), node.get(1).asString(), node.get(2).asString(), node.get(3).asString());
  }

  private static boolean allStrings(JsonNode array) {
    for (JsonNode element : array) {
      if (!element.isString()) {
        return false;
      }
    }
    return true;
  }

  /** Reading the tokens of both cursors: base64url around a small JSON array. */
  static final class CursorTokens {
    private static final int MAX_TOKEN_LENGTH = 4096;

    private CursorTokens() {}

    static JsonNode decode(String token) {
      if (token.length() > MAX_TOKEN_LENGTH) {
        throw malformed(token);
      }
      try {
        byte[] json = Base64.getUrlDecoder().decode(token.getBytes(StandardCharsets.US_ASCII));
        return FactSerde.mapper().readTree(json);
      } catch (IllegalArgumentException | JacksonException e) {
        throw malformed(token);
      }
    }

    static ProblemException malformed(String token) {
      return ProblemException.invalidParameter(
          "cursor", "Query parameter 'cursor' is not a cursor this API issued; pass nextCursor from a previous page unchanged");
    }
  }
}
