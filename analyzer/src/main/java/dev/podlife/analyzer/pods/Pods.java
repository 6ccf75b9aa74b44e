package dev.podlife.analyzer.pods;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import dev.podlife.analyzer.query.internal.Reads;
import dev.podlife.events.FactSerde;
import dev.podlife.events.PodSnapshot;
import dev.podlife.events.UnreadableFactException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * The read model of the {@code pod} projection: listing pages, one pod's detail or snapshot, the
 * pods of a capture and pod identities. Readers get typed values; the stored snapshot JSON is read
 * only here, with the events module's {@link FactSerde}.
 */
public final class Pods {
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  private final Reads<PodRows> reads;

  /** Reads on a handle of its own per call. */
  public Pods(Jdbi jdbi) {
    this(Reads.of(jdbi, PodRows.class));
  }

  /**
   * Reads on {@code handle} (and in its transaction, if any); its Jdbi must have the
   * SqlObjectPlugin installed.
   */
  public static Pods on(Handle handle) {
    return new Pods(Reads.on(handle, PodRows.class));
  }

  private Pods(Reads<PodRows> reads) {
    this.reads = reads;
  }

  private <T> T read(Function<PodRows, T> read) {
    return reads.apply(read);
  }

  /**
   * Up to {@code limit} pods in (cluster, namespace, name, uid) order that match {@code filter},
   * strictly after its cursor.
   */
  public List<PodSummary> list(PodFilter filter, int limit) {
    return read(rows -> rows.list(filter.whereClause(), filter, limit));
  }

  /** The clusters in which a pod with this UID is known, in name order. */
  public List<String> clustersOf(String uid) {
    return read(rows -> rows.clustersOf(uid));
  }

  /** The pod with its labels, containers and conditions of the latest snapshot. */
  public Optional<PodDetail> detail(String cluster, String uid) {
    return read(rows -> rows.find(cluster, uid))
        .map(row -> PodDetail.of(row.pod(), snapshot(cluster, uid, row.snapshot())));
  }

  /** The pod's latest snapshot, everything its facts said about it. */
  public Optional<PodSnapshot> snapshot(String cluster, String uid) {
    return read(rows -> rows.find(cluster, uid)).map(row -> snapshot(cluster, uid, row.snapshot()));
  }

  /** The pods of {@code cluster} with these UIDs, in (namespace, name, uid) order. */
  public List<PodSummary> inCluster(String cluster, Collection<String> uids) {
    return read(rows -> rows.inCluster(cluster, uids.toArray(String[]::new)));
  }

  /** The first created pod (of any cluster) whose name starts with {@code prefix}. */
  public Optional<PodSummary> oldestNamed(String prefix) {
    return read(rows -> rows.oldestNamed(prefix));
  }

  /** Who the pods of {@code cluster} with these UIDs are; UIDs never seen are left out. */
  public List<PodIdentity> identities(String cluster, Collection<String> uids) {
    return read(rows -> rows.identities(cluster, uids.toArray(String[]::new))).stream()
        .map(
            row ->
                new PodIdentity(
                    row.cluster(),
                    row.uid(),
                    row.namespace(),
                    row.name(),
                    row.workload(),
                    labels(row.cluster(), row.uid(), row.labels())))
        .toList();
  }

  /** The workload pods {@code filter} selects, in (cluster, namespace, name, uid) order. */
  public List<PodSummary> ofWorkloads(WorkloadPodFilter filter) {
    return read(rows -> rows.ofWorkloads(filter.whereClause(), filter));
  }

  /**
   * Per workload of the pods {@code filter} selects, its newest pod (by creation, then uid) and its
   * pod count.
   */
  public List<NewestPod> newestOfWorkloads(WorkloadPodFilter filter) {
    return read(rows -> rows.newestOfWorkloads(filter.whereClause(), filter)).stream()
        .map(
            row ->
                new NewestPod(
                    row.pod(),
                    row.workloadPods(),
                    snapshot(row.pod().cluster(), row.pod().uid(), row.snapshot())))
        .toList();
  }

  static PodSnapshot snapshot(String cluster, String uid, String json) {
    try {
      return FactSerde.snapshotFromBytes(json.getBytes(StandardCharsets.UTF_8));
    } catch (UnreadableFactException e) {
      throw new UnreadableSnapshotException(cluster, uid, e);
    }
  }

  private static Map<String, String> labels(String cluster, String uid, String json) {
    try {
      return FactSerde.mapper().readValue(json, LABELS);
    } catch (JacksonException e) {
      throw new UnreadableSnapshotException(cluster, uid, e);
    }
  }
}
