package dev.podlife.analyzer.store;

import dev.podlife.analyzer.history.FactSummary;
import dev.podlife.analyzer.status.KubectlColumns;
import dev.podlife.analyzer.status.KubectlStatus;
import dev.podlife.events.DeletionRequested;
import dev.podlife.events.EventObserved;
import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;
import dev.podlife.events.PodDeleted;
import dev.podlife.events.PodRef;
import dev.podlife.events.PodSnapshot;
import dev.podlife.events.Workload;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;

/**
 * Folds stored facts into the {@code pod} and {@code pod_history} rows within one transaction: snapshots are loaded
 * once per pod and written once per {@link #flush()}, history rows are batched.
 *
 * <p>The kubectl columns of a history row are those of the pod object version the fact was derived from: the
 * collector splits one Pod update into several facts (spec, conditions, containers, phase, deletion) sharing its
 * resourceVersion, and the columns after only part of them are a state kubectl never showed. So every fact of one
 * resourceVersion gets the columns after the last of them, also when they arrive in separate batches.
 */
final class Projection {
  private final ProjectionRows rows;
  private final Map<PodKey, Projected> pods = new LinkedHashMap<>();
  private final List<PendingHistory> history = new ArrayList<>();
  private final List<ProjectionRows.EarlierColumns> earlier = new ArrayList<>();

  private record PodKey(String cluster, String uid) {}

  /** A pod's folded state and whether it changed since the last flush. */
  private static final class Projected {
    PodSnapshot snapshot;
    long lastFactId;
    Instant updatedAt;
    KubectlColumns columns;
    boolean dirty;
    /** The facts of the pod object version being folded; their columns are settled when it ends. */
    List<PendingHistory> group = new ArrayList<>();
    String groupResourceVersion;
    /** The group continues a version whose first facts were stored earlier: those rows need the final columns too. */
    Long groupContinuesBefore;

    Projected(PodSnapshot snapshot) {
      this.snapshot = snapshot;
      this.columns = KubectlStatus.of(snapshot);
    }
  }

  /** A history row whose columns may still change until its pod object version is complete. */
  private static final class PendingHistory {
    final long factId;
    final Fact fact;
    final String summary;
    KubectlColumns columns;

    PendingHistory(long factId, Fact fact, String summary, KubectlColumns columns) {
      this.factId = factId;
      this.fact = fact;
      this.summary = summary;
      this.columns = columns;
    }
  }

  private final List<FeatureProjection.Batch> features;

  Projection(ProjectionRows rows, List<FeatureProjection.Batch> features) {
    this.rows = rows;
    this.features = features;
  }

  /** Applies the fact stored under {@code factId}; facts of one pod must come in id order. */
  void apply(long factId, Fact fact) {
    PodRef ref = fact.pod();
    Projected pod = pods.computeIfAbsent(new PodKey(ref.cluster(), ref.uid()), key -> load(key, ref));
    PodSnapshot before = pod.snapshot;
    boolean fromPodObject = !(fact instanceof EventObserved) && !(fact instanceof PodDeleted);
    if (fromPodObject && !Objects.equals(pod.groupResourceVersion, fact.resourceVersion())) {
      settleGroup(pod);
      pod.groupResourceVersion = fact.resourceVersion();
      pod.groupContinuesBefore =
          fact.resourceVersion() != null && fact.resourceVersion().equals(before.resourceVersion()) ? factId : null;
    }
    PodSnapshot after = withEventWorkload(before.apply(fact), fact);
    for (FeatureProjection.Batch feature : features) {
      feature.apply(factId, fact, before, after);
    }
    pod.snapshot = after;
    pod.columns = KubectlStatus.of(after);
    pod.lastFactId = factId;
    pod.updatedAt = pod.updatedAt == null || fact.at().isAfter(pod.updatedAt) ? fact.at() : pod.updatedAt;
    pod.dirty = true;
    PendingHistory row = new PendingHistory(factId, fact, FactSummary.of(before, fact), pod.columns);
    history.add(row);
    if (fromPodObject) {
      pod.group.add(row);
    }
  }

  /** Writes the changed pods and the pending history rows. */
  void flush() {
    List<ProjectionRows.PodRow> changed = new ArrayList<>();
    for (Projected pod : pods.values()) {
      settleGroup(pod);
      pod.groupResourceVersion = null;
      if (pod.dirty) {
        changed.add(podRow(pod));
        pod.dirty = false;
      }
    }
    if (!changed.isEmpty()) {
      rows.upsertPods(changed);
    }
    if (!history.isEmpty()) {
      rows.insertHistory(historyRows(history));
      history.clear();
    }
    if (!earlier.isEmpty()) {
      rows.updateEarlierColumns(earlier);
      earlier.clear();
    }
    features.forEach(FeatureProjection.Batch::flush);
  }

  /** Loads the stored rows of these pods in one query, so that {@link #apply} need not ask for each. */
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
    for (ProjectionRows.StoredPod stored : rows.pods(clusters, uids)) {
      PodKey key = new PodKey(stored.cluster(), stored.uid());
      pods.put(key, fromStored(key, stored));
      wanted.remove(key);
    }
    wanted.forEach((key, ref) -> pods.put(key, new Projected(PodSnapshot.unknown(ref))));
  }

  /** Forgets the cached snapshots (after a flush), bounding memory on long replays. */
  void forget() {
    pods.clear();
  }

  /** Gives every fact of the pod's current object version the columns after the last of them. */
  private void settleGroup(Projected pod) {
    for (PendingHistory row : pod.group) {
      row.columns = pod.columns;
    }
    if (pod.groupContinuesBefore != null) {
      PodRef ref = pod.snapshot.pod();
      earlier.add(
          new ProjectionRows.EarlierColumns(
              ref.cluster(),
              ref.uid(),
              pod.groupResourceVersion,
              pod.groupContinuesBefore,
              pod.columns.status(),
              pod.columns.ready(),
              pod.columns.restarts()));
    }
    pod.group = new ArrayList<>();
    pod.groupContinuesBefore = null;
  }

  private Projected load(PodKey key, PodRef ref) {
    return rows.pod(key.cluster(), key.uid())
        .map(stored -> fromStored(key, stored))
        .orElseGet(() -> new Projected(PodSnapshot.unknown(ref)));
  }

  private static Projected fromStored(PodKey key, ProjectionRows.StoredPod stored) {
    Projected pod = new Projected(readSnapshot(key, stored.snapshot()));
    pod.updatedAt = stored.updatedAt();
    return pod;
  }

  private static PodSnapshot readSnapshot(PodKey key, String json) {
    try {
      return FactSerde.mapper().readValue(json, PodSnapshot.class);
    } catch (JacksonException e) {
      throw new FactStoreException(
          "Stored snapshot of pod " + key.uid() + " in cluster " + key.cluster() + " is unreadable; rebuild projections",
          e);
    }
  }

  /**
   * A pod first known from an Event has only the Event's pod reference, which may lack the workload; a later Event
   * that names it fills it in. Events never change the snapshot otherwise, so they cannot erase a known workload.
   */
  private static PodSnapshot withEventWorkload(PodSnapshot after, Fact fact) {
    if (fact instanceof EventObserved && after.pod().workload() == null && fact.pod().workload() != null) {
      return replacePod(after, after.pod().withWorkload(fact.pod().workload()));
    }
    return after;
  }

  private static PodSnapshot replacePod(PodSnapshot s, PodRef pod) {
    return new PodSnapshot(
        pod, s.resourceVersion(), s.createdAt(), s.node(), s.spec(), s.labels(), s.phase(), s.reason(), s.message(),
        s.conditions(), s.containers(), s.deletionTimestamp(), s.deletionGracePeriodSeconds(), s.deletedAt());
  }

  private static ProjectionRows.HistoryRows historyRows(List<PendingHistory> pending) {
    int n = pending.size();
    ProjectionRows.HistoryRows c =
        new ProjectionRows.HistoryRows(
            new Long[n], new String[n], new String[n], new String[n], new String[n], new String[n], new String[n],
            new String[n], new String[n], new Integer[n]);
    for (int i = 0; i < n; i++) {
      PendingHistory row = pending.get(i);
      Fact fact = row.fact;
      c.factId()[i] = row.factId;
      c.cluster()[i] = fact.pod().cluster();
      c.podUid()[i] = fact.pod().uid();
      c.at()[i] = fact.at().toString();
      c.factType()[i] = fact.type();
      c.subject()[i] = fact.subject() == null ? "" : fact.subject();
      c.summary()[i] = row.summary;
      c.status()[i] = row.columns.status();
      c.ready()[i] = row.columns.ready();
      c.restarts()[i] = row.columns.restarts();
    }
    return c;
  }

  private static ProjectionRows.PodRow podRow(Projected pod) {
    PodSnapshot s = pod.snapshot;
    PodRef ref = s.pod();
    Workload workload = ref.workload();
    return new ProjectionRows.PodRow(
        ref.cluster(),
        ref.uid(),
        ref.namespace() == null ? "" : ref.namespace(),
        ref.name() == null ? "" : ref.name(),
        workload == null ? null : workload.kind(),
        workload == null ? null : workload.name(),
        s.node(),
        s.phase(),
        pod.columns.status(),
        pod.columns.ready(),
        pod.columns.restarts(),
        s.createdAt(),
        s.deletionTimestamp() == null
            ? null
            : DeletionRequested.requestedAt(s.deletionTimestamp(), s.deletionGracePeriodSeconds()),
        s.deletedAt(),
        s.resourceVersion(),
        pod.updatedAt,
        pod.lastFactId,
        new String(FactSerde.snapshotToBytes(s), StandardCharsets.UTF_8));
  }
}
