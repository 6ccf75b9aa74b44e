package dev.podlife.collector.extract;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;

import dev.podlife.events.Workload;

/**
 * Names the workload a pod belongs to by following its controller ownerReference. Returns null for
 * a bare pod.
 *
 * <p>{@link #heuristic()} needs nothing but the pod; {@link #throughOwners(ControllerOwners)} also
 * follows the ReplicaSet's and Job's own owners (Deployment, CronJob) and falls back to the
 * heuristic while they are unknown.
 */
@FunctionalInterface
public interface WorkloadResolver {

  Workload resolve(Pod pod);

  /**
   * Resolves from the pod alone: a ReplicaSet named {@code <deployment>-<pod-template-hash>}
   * becomes that Deployment, StatefulSet, DaemonSet, Job and any other controller stay themselves,
   * a static pod's mirror (owned by its Node) becomes kind Node.
   */
  static WorkloadResolver heuristic() {
    return WorkloadResolver::fromPodAlone;
  }

  /**
   * Resolves ReplicaSets to their Deployment and Jobs to their CronJob through {@code owners}, else
   * heuristically.
   */
  static WorkloadResolver throughOwners(ControllerOwners owners) {
    Objects.requireNonNull(owners, "owners");
    return pod -> {
      OwnerReference controller = controllerOf(pod.getMetadata().getOwnerReferences()).orElse(null);
      if (controller == null) {
        return null;
      }
      String kind = controller.getKind();
      if ("ReplicaSet".equals(kind) || "Job".equals(kind)) {
        Optional<List<OwnerReference>> known =
            owners.ownerReferencesOf(kind, pod.getMetadata().getNamespace(), controller.getName());
        if (known.isPresent()) {
          return controllerOf(known.get())
              .filter(owner -> owner.getKind() != null && owner.getName() != null)
              .map(owner -> new Workload(owner.getKind(), owner.getName()))
              .orElseGet(() -> new Workload(kind, controller.getName()));
        }
      }
      return fromPodAlone(pod);
    };
  }

  /** The ownerReference marked {@code controller: true}, if any. */
  private static Optional<OwnerReference> controllerOf(List<OwnerReference> references) {
    if (references == null) {
      return Optional.empty();
    }
    return references.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
  }

  private static Workload fromPodAlone(Pod pod) {
    OwnerReference controller = controllerOf(pod.getMetadata().getOwnerReferences()).orElse(null);
    if (controller == null || controller.getKind() == null || controller.getName() == null) {
      return null;
    }
    String name = controller.getName();
    if ("ReplicaSet".equals(controller.getKind())) {
      String hash =
          pod.getMetadata().getLabels() == null
              ? null
              : pod.getMetadata().getLabels().get("pod-template-hash");
      if (hash != null
          && !hash.isEmpty()
          && name.endsWith("-" + hash)
          && name.length() > hash.length() + 1) {
        return new Workload("Deployment", name.substring(0, name.length() - hash.length() - 1));
      }
    }
    // StatefulSet, DaemonSet, Job, Node (mirror pods), ReplicationController and custom controllers
    // name themselves.
    return new Workload(controller.getKind(), name);
  }

  /** Looks up the ownerReferences of a ReplicaSet or Job, e.g. in an informer cache. */
  @FunctionalInterface
  interface ControllerOwners {
    /**
     * The object's metadata.ownerReferences (empty list when it has none), or empty when the object
     * is not known.
     */
    Optional<List<OwnerReference>> ownerReferencesOf(String kind, String namespace, String name);
  }
}
