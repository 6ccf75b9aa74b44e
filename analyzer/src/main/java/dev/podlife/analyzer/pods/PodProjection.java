package dev.podlife.analyzer.pods;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import dev.podlife.analyzer.status.KubectlColumns;
import dev.podlife.events.DeletionRequested;
import dev.podlife.events.FactSerde;
import dev.podlife.events.PodRef;
import dev.podlife.events.PodSnapshot;
import dev.podlife.events.Workload;

/**
 * Writes the {@code pod} rows the fact store folds, in its transaction: reads the stored snapshots
 * to fold onto (locked, so two consumers of one pod fold one after the other) and upserts the
 * changed pods with the columns their readers use ({@code labels} from {@link
 * PodSnapshot#labels()}, the kubectl columns, lifecycle times).
 */
public final class PodProjection {
  private final PodRows rows;

  /** A pod as stored: its snapshot and when its latest fact happened. */
  public record Stored(String cluster, String uid, PodSnapshot snapshot, Instant updatedAt) {}

  /** A pod's state to write: its snapshot, kubectl columns after it, latest fact time and id. */
  public record State(
      PodSnapshot snapshot, KubectlColumns columns, Instant updatedAt, long lastFactId) {}

  public PodProjection(Handle handle) {
    this.rows = handle.attach(PodRows.class);
  }

  /** The stored pod, locked until the transaction ends. */
  public Optional<Stored> lock(String cluster, String uid) {
    return rows.lock(cluster, uid).map(PodProjection::stored);
  }

  /** The stored pods among these keys (one query), locked until the transaction ends. */
  public List<Stored> lock(String[] clusters, String[] uids) {
    return rows.lock(clusters, uids).stream().map(PodProjection::stored).toList();
  }

  /** Inserts or replaces the rows of these pods. */
  public void write(List<State> pods) {
    rows.upsert(pods.stream().map(PodProjection::row).toList());
  }

  /** Deletes these pods' rows; how many there were. */
  public int forget(String[] clusters, String[] uids) {
    return rows.forget(clusters, uids);
  }

  /** Empties {@code pod}, before a rebuild replays every stored fact. */
  public void truncate() {
    rows.truncate();
  }

  private static Stored stored(PodRows.StoredPod row) {
    return new Stored(
        row.cluster(),
        row.uid(),
        Pods.snapshot(row.cluster(), row.uid(), row.snapshot()),
        row.updatedAt());
  }

  private static PodRows.PodRow row(State pod) {
    PodSnapshot s = pod.snapshot();
    PodRef ref = s.pod();
    Workload workload = ref.workload();
    return new PodRows.PodRow(
        ref.cluster(),
        ref.uid(),
        ref.namespace() == null ? "" : ref.namespace(),
        ref.name() == null ? "" : ref.name(),
        workload == null ? null : workload.kind(),
        workload == null ? null : workload.name(),
        s.node(),
        s.phase(),
        pod.columns().status(),
        pod.columns().ready(),
        pod.columns().restarts(),
        s.createdAt(),
        s.deletionTimestamp() == null
            ? null
            : DeletionRequested.requestedAt(s.deletionTimestamp(), s.deletionGracePeriodSeconds()),
        s.deletedAt(),
        s.resourceVersion(),
        pod.updatedAt(),
        pod.lastFactId(),
        FactSerde.mapper().writeValueAsString(s.labels()),
        new String(FactSerde.snapshotToBytes(s), StandardCharsets.UTF_8));
  }
}
