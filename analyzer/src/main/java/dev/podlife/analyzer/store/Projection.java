package dev.podlife.analyzer.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.podlife.analyzer.history.HistoryProjection;
import dev.podlife.analyzer.pods.PodProjection;
import dev.podlife.analyzer.pods.UnreadableSnapshotException;
import dev.podlife.analyzer.status.KubectlColumns;
import dev.podlife.analyzer.status.KubectlStatus;
import dev.podlife.events.EventObserved;
import dev.podlife.events.Fact;
import dev.podlife.events.PodRef;
import dev.podlife.events.PodSnapshot;

/**
 * Folds stored facts into each pod's snapshot within one transaction and hands every fact, with the
 * snapshot before and after it, to the projections kept with the store: {@code pod} ({@link
 * PodProjection}), {@code pod_history} ({@link HistoryProjection}) and the feature projections.
 * Snapshots are loaded once per pod and written once per {@link #flush()}; history rows are
 * batched.
 */
final class Projection {
  private final PodProjection podRows;
  private final HistoryProjection history;
  private final List<FeatureProjection.Batch> features;
  private final Map<PodKey, Projected> pods = new LinkedHashMap<>();

  private record PodKey(String cluster, String uid) {}

  /** A pod's folded state and whether it changed since the last flush. */
  private static final class Projected {
    PodSnapshot snapshot;
    long lastFactId;
    Instant updatedAt;
    KubectlColumns columns;
    boolean dirty;

    Projected(PodSnapshot snapshot) {
      this.snapshot = snapshot;
      this.columns = KubectlStatus.of(snapshot);
    }
  }

  Projection(
      PodProjection podRows, HistoryProjection history, List<FeatureProjection.Batch> features) {
    this.podRows = podRows;
    this.history = history;
    this.features = features;
  }

  /** Applies the fact stored under {@code factId}; facts of one pod must come in id order. */
  void apply(long factId, Fact fact) {
    PodRef ref = fact.pod();
    Projected pod =
        pods.computeIfAbsent(new PodKey(ref.cluster(), ref.uid()), key -> load(key, ref));
    PodSnapshot before = pod.snapshot;
    PodSnapshot after = withEventWorkload(before.apply(fact), fact);
    for (FeatureProjection.Batch feature : features) {
      feature.apply(factId, fact, before, after);
    }
    pod.snapshot = after;
    pod.columns = KubectlStatus.of(after);
    pod.lastFactId = factId;
    pod.updatedAt =
        pod.updatedAt == null || fact.at().isAfter(pod.updatedAt) ? fact.at() : pod.updatedAt;
    pod.dirty = true;
    history.apply(factId, fact, before, pod.columns);
  }

  /**
   * Writes the changed pods, the pending history rows and what the feature projections gathered.
   */
  void flush() {
    List<PodProjection.State> changed = new ArrayList<>();
    for (Projected pod : pods.values()) {
      if (pod.dirty) {
        changed.add(
            new PodProjection.State(pod.snapshot, pod.columns, pod.updatedAt, pod.lastFactId));
        pod.dirty = false;
      }
    }
    if (!changed.isEmpty()) {
      podRows.write(changed);
    }
    history.flush();
    features.forEach(FeatureProjection.Batch::flush);
  }

  /**
   * Loads the stored rows of these pods in one query, so that {@link #apply} need not ask for each.
   */
  void preload(List<PodRef> refs) {
    Map<PodKey, PodRef> wanted = new LinkedHashMap<>();
    for (PodRef ref : refs) {
      PodKey key = new PodKey(ref.cluster(), ref.uid());
      if (!pods.containsKey(key)) {
        wanted.putIfAbsent(key, ref);
      }
    }
    if (wanted.isEmpty()) {
      return;
    }
    String[] clusters = wanted.keySet().stream().map(PodKey::cluster).toArray(String[]::new);
    String[] uids = wanted.keySet().stream().map(PodKey::uid).toArray(String[]::new);
    for (PodProjection.Stored stored : locked(() -> podRows.lock(clusters, uids))) {
      PodKey key = new PodKey(stored.cluster(), stored.uid());
      pods.put(key, fromStored(stored));
      wanted.remove(key);
    }
    wanted.forEach((key, ref) -> pods.put(key, new Projected(PodSnapshot.unknown(ref))));
  }

  /**
   * Lets the feature projections load what they need for these facts (about to be applied, in this
   * order) in one query each.
   */
  void preloadFeatures(List<FeatureProjection.NewFact> facts) {
    if (facts.isEmpty()) {
      return;
    }
    for (FeatureProjection.Batch feature : features) {
      feature.preload(facts);
    }
  }

  /** Forgets the cached snapshots (after a flush), bounding memory on long replays. */
  void forget() {
    pods.clear();
  }

  private Projected load(PodKey key, PodRef ref) {
    Optional<PodProjection.Stored> stored = locked(() -> podRows.lock(key.cluster(), key.uid()));
    return stored
        .map(Projection::fromStored)
        .orElseGet(() -> new Projected(PodSnapshot.unknown(ref)));
  }

  private static Projected fromStored(PodProjection.Stored stored) {
    Projected pod = new Projected(stored.snapshot());
    pod.updatedAt = stored.updatedAt();
    return pod;
  }

  /**
   * A snapshot this build cannot read fails the batch as a store failure (the batch is rolled
   * back).
   */
  private static <T> T locked(Supplier<T> read) {
    try {
      return read.get();
    } catch (UnreadableSnapshotException e) {
      throw new FactStoreException(e.getMessage(), e);
    }
  }

  /**
   * A pod first known from an Event has only the Event's pod reference, which may lack the
   * workload; a later Event that names it fills it in. Events never change the snapshot otherwise,
   * so they cannot erase a known workload.
   */
  private static PodSnapshot withEventWorkload(PodSnapshot after, Fact fact) {
    if (fact instanceof EventObserved
        && after.pod().workload() == null
        && fact.pod().workload() != null) {
      return replacePod(after, after.pod().withWorkload(fact.pod().workload()));
    }
    return after;
  }

  private static PodSnapshot replacePod(PodSnapshot s, PodRef pod) {
    return new PodSnapshot(
        pod,
        s.resourceVersion(),
        s.createdAt(),
        s.node(),
        s.spec(),
        s.labels(),
        s.phase(),
        s.reason(),
        s.message(),
        s.conditions(),
        s.containers(),
        s.deletionTimestamp(),
        s.deletionGracePeriodSeconds(),
        s.deletedAt());
  }
}
