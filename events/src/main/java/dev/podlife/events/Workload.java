package dev.podlife.events;

import java.util.Objects;

/**
 * The controller a pod belongs to, resolved through ownerReferences (a ReplicaSet resolves to its
 * Deployment).
 */
public record Workload(String kind, String name) {
  public Workload {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return kind + "/" + name;
  }
}
