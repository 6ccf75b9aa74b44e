package dev.podlife.api.pods;

import dev.podlife.api.query.CursorToken;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Where a page of the pod listing ended: the last (cluster, namespace, name, uid) it held. Clients see it only as an
 * opaque {@link CursorToken}; the next page starts strictly after it, so pods added or removed meanwhile cause neither
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
    return CursorToken.encode(List.of(cluster, namespace, name, uid));
  }

  static ListingCursor decode(String token) {
    JsonNode node = CursorToken.decode(token);
    if (!node.isArray() || node.size() != 4 || !allStrings(node)) {
      throw CursorToken.malformed();
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
}
