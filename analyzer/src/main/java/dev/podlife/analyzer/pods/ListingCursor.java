package dev.podlife.analyzer.pods;

import java.util.Objects;

/**
 * Where a page of the pod listing ended: the last (cluster, namespace, name, uid) it held. The next
 * page starts strictly after it, so pods added or removed meanwhile cause neither duplicates nor
 * gaps among the others. (Clients see it only as an opaque token; the API owns that codec.)
 */
public record ListingCursor(String cluster, String namespace, String name, String uid) {
  public ListingCursor {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uid, "uid");
  }

  /** The cursor of a page whose last pod is {@code pod}. */
  public static ListingCursor after(PodSummary pod) {
    return new ListingCursor(pod.cluster(), pod.namespace(), pod.name(), pod.uid());
  }
}
