package dev.podlife.analyzer.store;

import java.util.List;

import org.jdbi.v3.core.Handle;

import dev.podlife.events.Fact;
import dev.podlife.events.PodSnapshot;

/**
 * A feature's own projection (startup latency, probes, shutdown, terminations…), kept beside {@code
 * pod} and {@code pod_history} in the very transaction that stores the facts it derives from, and
 * rebuilt with them.
 *
 * <p>Implementations keep their state in their own tables (created by migrations) and register
 * themselves in {@link FeatureProjections#all()}.
 */
public interface FeatureProjection {

  /** Starts projecting the facts of one transaction; the batch writes through {@code handle}. */
  Batch begin(Handle handle);

  /** Empties this projection's tables, before a rebuild replays every stored fact. */
  void truncate(Handle handle);

  /**
   * Deletes every row of these pods (parallel arrays of cluster and uid), in the caller's
   * transaction: retention calls it for the pods whose every fact is gone, so that the projection
   * holds what a rebuild from the remaining facts would give.
   */
  void forget(Handle handle, String[] clusters, String[] uids);

  /** A newly stored fact and the id it was stored under. */
  record NewFact(long factId, Fact fact) {}

  /** The facts of one transaction, applied in order, then flushed. */
  interface Batch {
    /**
     * The facts {@link #apply} will get next, in that order, before the first of them: a batch may
     * read the stored rows they need for all their pods in one query instead of one per pod. What
     * it reads must be what {@link #apply} would have read (the fact table already holds them).
     */
    default void preload(List<NewFact> facts) {}

    /**
     * One newly stored fact (never a duplicate), with the pod's snapshot before and after it; facts
     * of one pod come in the order they happened.
     */
    void apply(long factId, Fact fact, PodSnapshot before, PodSnapshot after);

    /** Writes what {@link #apply} gathered; called at least once before the transaction commits. */
    void flush();
  }
}
