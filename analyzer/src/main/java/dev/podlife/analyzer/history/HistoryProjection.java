package dev.podlife.analyzer.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jdbi.v3.core.Handle;

import dev.podlife.analyzer.status.KubectlColumns;
import dev.podlife.events.EventObserved;
import dev.podlife.events.Fact;
import dev.podlife.events.PodDeleted;
import dev.podlife.events.PodSnapshot;

/**
 * Writes the {@code pod_history} rows of the facts the fact store stores, in its transaction: one
 * row per fact with its {@link FactSummary} and the kubectl columns after it, inserted in one
 * statement per flush.
 *
 * <p>The kubectl columns of a history row are those of the pod object version the fact was derived
 * from: the collector splits one Pod update into several facts (spec, conditions, containers,
 * phase, deletion) sharing its resourceVersion, and the columns after only part of them are a state
 * kubectl never showed. So every fact of one resourceVersion gets the columns after the last of
 * them, also when they arrive in separate batches.
 */
public final class HistoryProjection {
  private final HistoryRows rows;
  private final Map<PodKey, Group> groups = new LinkedHashMap<>();
  private final List<Pending> pending = new ArrayList<>();
  private final List<HistoryRows.EarlierColumns> earlier = new ArrayList<>();

  private record PodKey(String cluster, String uid) {}

  /** The facts of the pod object version being folded; their columns are settled when it ends. */
  private static final class Group {
    final PodKey pod;
    List<Pending> rows = new ArrayList<>();
    String resourceVersion;

    /**
     * The group continues a version whose first facts were stored earlier: those rows need the
     * final columns too.
     */
    Long continuesBefore;

    /** The pod's columns after its latest fact. */
    KubectlColumns columns;

    Group(PodKey pod) {
      this.pod = pod;
    }
  }

  /** A history row whose columns may still change until its pod object version is complete. */
  private static final class Pending {
    final long factId;
    final Fact fact;
    final String summary;
    KubectlColumns columns;

    Pending(long factId, Fact fact, String summary, KubectlColumns columns) {
      this.factId = factId;
      this.fact = fact;
      this.summary = summary;
      this.columns = columns;
    }
  }

  public HistoryProjection(Handle handle) {
    this.rows = handle.attach(HistoryRows.class);
  }

  /**
   * Adds the row of the fact stored under {@code factId}; facts of one pod must come in id order.
   *
   * @param before the pod as known before the fact
   * @param after the pod's kubectl columns after it
   */
  public void apply(long factId, Fact fact, PodSnapshot before, KubectlColumns after) {
    Group group =
        groups.computeIfAbsent(new PodKey(fact.pod().cluster(), fact.pod().uid()), Group::new);
    boolean fromPodObject = !(fact instanceof EventObserved) && !(fact instanceof PodDeleted);
    if (fromPodObject && !Objects.equals(group.resourceVersion, fact.resourceVersion())) {
      settle(group);
      group.resourceVersion = fact.resourceVersion();
      group.continuesBefore =
          fact.resourceVersion() != null && fact.resourceVersion().equals(before.resourceVersion())
              ? factId
              : null;
    }
    group.columns = after;
    Pending row = new Pending(factId, fact, FactSummary.of(before, fact), after);
    pending.add(row);
    if (fromPodObject) {
      group.rows.add(row);
    }
  }

  /** Settles every pod's current object version and writes the pending rows. */
  public void flush() {
    groups.values().forEach(this::settle);
    groups.clear();
    if (!pending.isEmpty()) {
      rows.insert(newRows(pending));
      pending.clear();
    }
    if (!earlier.isEmpty()) {
      rows.updateEarlierColumns(earlier);
      earlier.clear();
    }
  }

  /** Empties {@code pod_history}, before a rebuild replays every stored fact. */
  public void truncate() {
    rows.truncate();
  }

  /** Gives every fact of the pod's current object version the columns after the last of them. */
  private void settle(Group group) {
    for (Pending row : group.rows) {
      row.columns = group.columns;
    }
    if (group.continuesBefore != null) {
      earlier.add(
          new HistoryRows.EarlierColumns(
              group.pod.cluster(),
              group.pod.uid(),
              group.resourceVersion,
              group.continuesBefore,
              group.columns.status(),
              group.columns.ready(),
              group.columns.restarts()));
    }
    group.rows = new ArrayList<>();
    group.continuesBefore = null;
  }

  private static HistoryRows.NewRows newRows(List<Pending> pending) {
    int n = pending.size();
    HistoryRows.NewRows c =
        new HistoryRows.NewRows(
            new Long[n],
            new String[n],
            new String[n],
            new String[n],
            new String[n],
            new String[n],
            new String[n],
            new String[n],
            new String[n],
            new Integer[n]);
    for (int i = 0; i < n; i++) {
      Pending row = pending.get(i);
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
}
