package dev.podlife.collector.extract;

import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;

import io.fabric8.kubernetes.api.model.Pod;

import dev.podlife.events.Fact;
import dev.podlife.events.FactDiff;
import dev.podlife.events.PodRef;
import dev.podlife.events.PodSnapshot;
import dev.podlife.events.PodSpecSummary;

/**
 * Turns a stream of Pod observations into facts by diffing each against the last snapshot known for
 * that pod UID. Shared by the live collector and offline analysis, so both derive the same facts
 * from the same objects.
 *
 * <p>Not thread-safe: one thread drives it (the collector's sender thread, or the offline reader).
 */
public final class PodFactTracker {
  private final String cluster;
  private final WorkloadResolver workloads;
  private final Map<String, PodSnapshot> known = new HashMap<>();
  // The kubelet records a static pod's Events under the static pod's own UID (its config hash),
  // which the API server
  // only knows as the mirror pod's kubernetes.io/config.mirror annotation: static UID → mirror pod
  // UID.
  private final Map<String, String> mirrorByStaticUid = new HashMap<>();
  // UIDs are never reused: a pod seen deleted must not come back through a late or re-delivered
  // notification.
  private final Set<String> gone =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > GONE_REMEMBERED;
            }
          });
  private static final int GONE_REMEMBERED = 100_000;
  // The pods of one ReplicaSet, Job or StatefulSet have one template: their snapshots share one
  // spec summary (containers, probes, hooks: about a fifth of a snapshot's heap) instead of a copy
  // each. Weak, so the summaries of templates whose pods are all gone are collected.
  private final Map<PodSpecSummary, WeakReference<PodSpecSummary>> specs = new WeakHashMap<>();
  static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

  public PodFactTracker(String cluster, WorkloadResolver workloads) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.workloads = Objects.requireNonNull(workloads, "workloads");
  }

  /**
   * The facts an added or updated pod implies; none when it is unchanged or older than the one
   * already known.
   */
  public List<Fact> onPod(Pod pod, Instant observedAt) {
    PodSnapshot current = PodSnapshots.of(cluster, pod, workloads);
    if (gone.contains(current.pod().uid())) {
      return List.of();
    }
    String staticUid = staticPodUid(pod);
    if (staticUid != null) {
      mirrorByStaticUid.put(staticUid, current.pod().uid());
    }
    PodSnapshot previous = known.get(current.pod().uid());
    if (previous != null && isStale(current.resourceVersion(), previous.resourceVersion())) {
      return List.of();
    }
    List<Fact> facts = FactDiff.between(previous, current, observedAt);
    known.put(current.pod().uid(), sharingSpec(current));
    return facts;
  }

  /**
   * The facts of a pod deletion that was watched: the last changes the final object shows, then
   * PodDeleted. Nothing when the pod was already reported deleted.
   */
  public List<Fact> onPodDeleted(Pod lastKnown, Instant observedAt) {
    return onPodDeleted(lastKnown, false, observedAt);
  }

  /**
   * The facts of a pod deletion.
   *
   * @param finalStateUnknown the informer only noticed the pod missing when it relisted (fabric8's
   *     {@code deletedFinalStateUnknown}): the delete itself was not watched
   */
  public List<Fact> onPodDeleted(Pod lastKnown, boolean finalStateUnknown, Instant observedAt) {
    PodSnapshot last = PodSnapshots.of(cluster, lastKnown, workloads);
    if (!gone.add(last.pod().uid())) {
      return List.of();
    }
    mirrorByStaticUid.values().remove(last.pod().uid());
    PodSnapshot previous = known.remove(last.pod().uid());
    List<Fact> facts = new ArrayList<>();
    if (previous != null && isStale(last.resourceVersion(), previous.resourceVersion())) {
      last = previous;
    } else {
      facts.addAll(FactDiff.between(previous, last, observedAt));
    }
    facts.add(FactDiff.deleted(last, observedAt, finalStateUnknown));
    return List.copyOf(facts);
  }

  /**
   * After a (re)list: every known pod not among {@code liveUids} was deleted while nobody watched.
   *
   * @return one PodDeleted with {@code detectedOnRelist=true} per vanished pod
   */
  public List<Fact> reconcile(Set<String> liveUids, Instant observedAt) {
    List<Fact> facts = new ArrayList<>();
    for (Iterator<PodSnapshot> it = known.values().iterator(); it.hasNext(); ) {
      PodSnapshot snapshot = it.next();
      if (!liveUids.contains(snapshot.pod().uid())) {
        facts.add(FactDiff.deleted(snapshot, observedAt, true));
        gone.add(snapshot.pod().uid());
        mirrorByStaticUid.values().remove(snapshot.pod().uid());
        it.remove();
      }
    }
    return List.copyOf(facts);
  }

  /**
   * The reference (with its workload) of a pod known by UID, or null: what an Event about that pod
   * names. The UID of a static pod (kube-apiserver, etcd… run from the kubelet's manifest
   * directory) names its mirror pod, whose own UID differs: its Events then join the mirror pod's
   * history.
   */
  public PodRef podRef(String uid) {
    PodSnapshot snapshot = known.get(uid);
    if (snapshot == null && mirrorByStaticUid.containsKey(uid)) {
      snapshot = known.get(mirrorByStaticUid.get(uid));
    }
    return snapshot == null ? null : snapshot.pod();
  }

  /**
   * The static pod UID a mirror pod stands for (its config.mirror annotation), or null for any
   * other pod.
   */
  static String staticPodUid(Pod pod) {
    Map<String, String> annotations =
        pod.getMetadata() == null ? null : pod.getMetadata().getAnnotations();
    String mirror = annotations == null ? null : annotations.get(MIRROR_ANNOTATION);
    return mirror == null || mirror.isBlank() || mirror.equals(pod.getMetadata().getUid())
        ? null
        : mirror;
  }

  /** The last snapshot per pod UID: what {@link #restore} takes back after a restart. */
  public Map<String, PodSnapshot> known() {
    return Map.copyOf(known);
  }

  /** The last snapshot known for {@code uid}, or null. */
  public PodSnapshot get(String uid) {
    return known.get(uid);
  }

  /**
   * Takes back snapshots saved earlier, so that pods unchanged since then yield no facts; deleted
   * ones are skipped.
   */
  public void restore(Collection<PodSnapshot> snapshots) {
    for (PodSnapshot snapshot : snapshots) {
      if (!snapshot.deleted()) {
        known.put(snapshot.pod().uid(), sharingSpec(snapshot));
      }
    }
  }

  /** {@code snapshot}, its spec summary replaced by an equal one already known, if any. */
  private PodSnapshot sharingSpec(PodSnapshot snapshot) {
    PodSpecSummary spec = snapshot.spec();
    WeakReference<PodSpecSummary> known = specs.get(spec);
    PodSpecSummary shared = known == null ? null : known.get();
    if (shared == null) {
      specs.put(spec, new WeakReference<>(spec));
      return snapshot;
    }
    if (shared == spec) {
      return snapshot;
    }
    return new PodSnapshot(
        snapshot.pod(),
        snapshot.resourceVersion(),
        snapshot.createdAt(),
        snapshot.node(),
        shared,
        snapshot.labels(),
        snapshot.phase(),
        snapshot.reason(),
        snapshot.message(),
        snapshot.conditions(),
        snapshot.containers(),
        snapshot.deletionTimestamp(),
        snapshot.deletionGracePeriodSeconds(),
        snapshot.deletedAt());
  }

  /**
   * resourceVersions are opaque, but when both are numbers (etcd revisions) a lower one is an older
   * object.
   */
  static boolean isStale(String candidate, String known) {
    if (candidate == null || known == null) {
      return false;
    }
    try {
      return Long.parseLong(candidate) < Long.parseLong(known);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
