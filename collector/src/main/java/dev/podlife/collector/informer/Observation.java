package dev.podlife.collector.informer;

import java.time.Instant;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * What an informer saw, stamped with when it saw it; handed from informer threads to the sender
 * thread.
 */
public sealed interface Observation {

  Instant observedAt();

  /** A pod was added or updated (including the initial list and resyncs). */
  record PodChanged(Pod pod, Instant observedAt) implements Observation {}

  /**
   * A pod was deleted.
   *
   * @param finalStateUnknown the informer found it missing when it relisted, rather than watching
   *     the delete
   */
  record PodGone(Pod lastKnown, boolean finalStateUnknown, Instant observedAt)
      implements Observation {}

  /** A core/v1 Event about a pod was added or updated. */
  record EventChanged(Event event, Instant observedAt) implements Observation {}

  /** A core/v1 Event expired or was deleted. */
  record EventGone(Event event, Instant observedAt) implements Observation {}

  /**
   * Every pod informer has listed: these are all pods that exist now, so any other known pod
   * vanished unseen.
   */
  record PodsListed(Set<String> liveUids, Instant observedAt) implements Observation {
    public PodsListed {
      liveUids = Set.copyOf(liveUids);
    }
  }
}
