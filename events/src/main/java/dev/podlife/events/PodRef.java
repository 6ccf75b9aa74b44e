package dev.podlife.events;

import java.util.Objects;

/**
 * Which pod a fact is about: the cluster it runs in, its UID (the Kafka key), namespace, name and
 * the workload that owns it.
 *
 * @param workload the resolved owning workload (Deployment, StatefulSet, DaemonSet, Job, CronJob…),
 *     or null for a bare pod or while the owner is not known yet
 */
public record PodRef(String cluster, String uid, String namespace, String name, Workload workload) {
  public PodRef {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(uid, "uid");
    if (uid.isBlank()) {
      throw new IllegalArgumentException("pod uid must not be blank");
    }
  }

  public PodRef withWorkload(Workload workload) {
    return new PodRef(cluster, uid, namespace, name, workload);
  }
}
