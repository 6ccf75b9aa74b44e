package dev.podlife.analyzer.history;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import dev.podlife.analyzer.query.Windowed;
import dev.podlife.analyzer.query.internal.Reads;

/**
 * The read model of the {@code pod_history} projection: one pod's history in pages, every
 * incarnation of a namespace/name, and the merged history of a workload's or a node's pods, deleted
 * pods included (the audit trail keeps them). Entries carry the stored fact JSON as it is, never
 * parsed in SQL.
 */
public final class History {
  private final Reads<HistoryRows> reads;

  /** Reads on a handle of its own per call. */
  public History(Jdbi jdbi) {
    this(Reads.of(jdbi, HistoryRows.class));
  }

  /**
   * Reads on {@code handle} (and in its transaction, if any); its Jdbi must have the
   * SqlObjectPlugin installed.
   */
  public static History on(Handle handle) {
    return new History(Reads.on(handle, HistoryRows.class));
  }

  private History(Reads<HistoryRows> reads) {
    this.reads = reads;
  }

  private <T> T read(Function<HistoryRows, T> read) {
    return reads.apply(read);
  }

  /**
   * A page of one pod's history, with the pod's life as its row in {@code pod} has it.
   *
   * @param createdAt null for a pod known only from its Events
   * @param deletedAt null while the pod is not known to be deleted
   * @param entries in (at, fact id) order
   */
  public record Page(Instant createdAt, Instant deletedAt, List<HistoryEntry> entries) {
    public Page {
      entries = List.copyOf(entries);
    }
  }

  /**
   * Up to {@code limit} entries of one pod's history in (at, fact id) order, within and after
   * {@code window}; empty when the store knows no such pod (every fact makes a pod row).
   */
  public Optional<Page> page(String cluster, String uid, HistoryWindow window, int limit) {
    return read(
        rows ->
            rows.span(cluster, uid)
                .map(
                    span -> {
                      // from a day before its creation (clock skew between nodes and the API
                      // server); a pod known only from Events has none: from the first day
                      Instant from =
                          span.createdAt() != null
                              ? span.createdAt().minus(Duration.ofDays(1))
                              : Instant.EPOCH;
                      List<HistoryEntry> entries =
                          rows.page(
                              window.whereClause(),
                              cluster,
                              uid,
                              window,
                              from.atOffset(ZoneOffset.UTC),
                              span.updatedAt().atOffset(ZoneOffset.UTC),
                              limit);
                      return new Page(span.createdAt(), span.deletedAt(), entries);
                    }));
  }

  /**
   * The pods that bore {@code namespace}/{@code name} (in {@code cluster}, or in any when null),
   * newest first, at most {@code limit}, each with up to {@code entriesPerIncarnation} entries in
   * {@code [from, to)}. With a window (either end given), incarnations without an entry in it are
   * left out.
   */
  public List<Incarnation> incarnations(
      String cluster,
      String namespace,
      String name,
      Instant from,
      Instant to,
      int limit,
      int entriesPerIncarnation) {
    boolean bounded = from != null || to != null;
    return read(
        rows -> {
          List<Incarnation> result = new ArrayList<>();
          for (HistoryRows.IncarnationRow pod :
              rows.incarnations(cluster, namespace, name, limit)) {
            List<IncarnationEntry> entries =
                rows.entries(
                    pod.cluster(),
                    pod.uid(),
                    Windowed.utc(from),
                    Windowed.utc(to),
                    entriesPerIncarnation + 1);
            boolean truncated = entries.size() > entriesPerIncarnation;
            if (bounded && entries.isEmpty()) {
              continue; // this incarnation has nothing in the window
            }
            result.add(
                new Incarnation(
                    pod.cluster(),
                    pod.uid(),
                    pod.createdAt(),
                    pod.deletedAt(),
                    pod.node(),
                    pod.status(),
                    List.copyOf(truncated ? entries.subList(0, entriesPerIncarnation) : entries),
                    truncated));
          }
          return result;
        });
  }

  /**
   * Up to {@code limit} entries of the merged history of the pods {@code filter} selects, in (at,
   * fact id) order.
   */
  public List<PodHistoryEntry> merged(HistoryFilter filter, int limit) {
    return read(rows -> rows.merged(filter.whereClause(), filter, limit));
  }

  /**
   * The whole history of the pods of {@code cluster} with these UIDs: pods in (namespace, name,
   * newest first, uid) order, each one's entries in (at, fact id) order.
   */
  public List<PodHistoryEntry> ofPods(String cluster, Collection<String> uids) {
    return read(rows -> rows.ofPods(cluster, uids.toArray(String[]::new)));
  }
}
