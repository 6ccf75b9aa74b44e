package dev.podlife.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import dev.podlife.events.ConditionChanged;
import dev.podlife.events.ContainerKind;
import dev.podlife.events.ContainerSpec;
import dev.podlife.events.ContainerState;
import dev.podlife.events.ContainerStateChanged;
import dev.podlife.events.ContainerStatus;
import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;
import dev.podlife.events.PhaseChanged;
import dev.podlife.events.PodCondition;
import dev.podlife.events.PodDeleted;
import dev.podlife.events.PodObserved;
import dev.podlife.events.PodRef;
import dev.podlife.events.PodSnapshot;
import dev.podlife.events.PodSpecSummary;
import dev.podlife.events.Workload;

/**
 * Writes the analyzer's tables (fact, pod_history, pod) for tests with plain SQL, from real facts:
 * each fact is stored as FactSerde JSON, folded into the pod's snapshot, and recorded in its
 * history with the given kubectl columns.
 */
final class ProjectionSeed {
  private final Jdbi jdbi;

  ProjectionSeed(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** One pod being written: its facts in the order given, then its projection row. */
  final class PodWriter {
    private final PodRef ref;
    private final List<Fact> facts = new ArrayList<>();
    private final List<String[]> columns = new ArrayList<>();
    private int resourceVersion = 100;

    PodWriter(PodRef ref) {
      this.ref = ref;
    }

    PodWriter fact(Fact fact, String status, String ready, int restarts) {
      facts.add(fact);
      columns.add(new String[] {status, ready, Integer.toString(restarts)});
      return this;
    }

    String nextRv() {
      return Integer.toString(++resourceVersion);
    }

    PodWriter observed(Instant at, String node) {
      PodSpecSummary spec =
          new PodSpecSummary(
              List.of(),
              List.of(
                  new ContainerSpec(
                      "app",
                      ContainerKind.REGULAR,
                      "nginx:1.27",
                      null,
                      null,
                      null,
                      null,
                      null,
                      "File")),
              30L,
              "Always",
              List.of(),
              null,
              List.of(),
              null);
      return fact(
          new PodObserved(ref, nextRv(), at, at, at, node, spec, Map.of("app", ref.name())),
          "Pending",
          "0/1",
          0);
    }

    PodWriter phase(Instant at, String phase, String status, String ready) {
      return fact(
          new PhaseChanged(ref, nextRv(), at, at, phase, null, null, null), status, ready, 0);
    }

    PodWriter ready(Instant at, String status, String ready) {
      return fact(
          new ConditionChanged(
              ref, nextRv(), at, at, new PodCondition("Ready", "True", null, null, at), "False"),
          status,
          ready,
          0);
    }

    PodWriter containerRunning(Instant at, String status, String ready, int restarts) {
      ContainerStatus container =
          new ContainerStatus(
              "app",
              ContainerKind.REGULAR,
              new ContainerState.Running(at),
              null,
              true,
              true,
              restarts,
              "nginx:1.27",
              null,
              null);
      return fact(
          new ContainerStateChanged(ref, nextRv(), at, at, container), status, ready, restarts);
    }

    PodWriter deleted(Instant at, String status) {
      return fact(new PodDeleted(ref, nextRv(), at, at, false), status, "0/1", 0);
    }

    /**
     * Stores the facts, the history rows and the pod row; returns the fact ids in the order the
     * facts were given.
     */
    List<Long> write() {
      return jdbi.inTransaction(handle -> write(handle));
    }

    private List<Long> write(Handle handle) {
      PodSnapshot snapshot = PodSnapshot.unknown(ref);
      List<Long> ids = new ArrayList<>();
      String[] last = null;
      Instant lastAt = null;
      for (int i = 0; i < facts.size(); i++) {
        Fact fact = facts.get(i);
        snapshot = snapshot.apply(fact);
        // fact and pod_history are partitioned by day: the seed writes around the store
        handle
            .createQuery("SELECT podlife_ensure_partitions(CAST(:day AS date), CAST(:day AS date))")
            .bind("day", fact.at().atOffset(ZoneOffset.UTC).toLocalDate().toString())
            .mapTo(Integer.class)
            .one();
        long id =
            handle
                .createUpdate(
                    "INSERT INTO fact (cluster, pod_uid, fact_type, subject, resource_version,"
                        + " namespace, pod_name, at, observed_at, payload) VALUES (:cluster, :uid,"
                        + " :type, :subject, :rv, :namespace, :name, :at, :at, CAST(:payload AS"
                        + " jsonb))")
                .bind("cluster", ref.cluster())
                .bind("uid", ref.uid())
                .bind("type", fact.type())
                .bind("subject", fact.subject())
                .bind("rv", fact.resourceVersion())
                .bind("namespace", ref.namespace())
                .bind("name", ref.name())
                .bind("at", fact.at().atOffset(ZoneOffset.UTC))
                .bind("payload", FactSerde.toJson(fact))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        ids.add(id);
        String[] c = columns.get(i);
        handle
            .createUpdate(
                "INSERT INTO pod_history (fact_id, cluster, pod_uid, at, fact_type, subject,"
                    + " summary, status, ready, restarts) VALUES (:id, :cluster, :uid, :at, :type,"
                    + " :subject, :summary, :status, :ready, :restarts)")
            .bind("id", id)
            .bind("cluster", ref.cluster())
            .bind("uid", ref.uid())
            .bind("at", fact.at().atOffset(ZoneOffset.UTC))
            .bind("type", fact.type())
            .bind("subject", fact.subject())
            .bind("summary", fact.type() + " " + fact.subject())
            .bind("status", c[0])
            .bind("ready", c[1])
            .bind("restarts", Integer.parseInt(c[2]))
            .execute();
        last = c;
        lastAt = lastAt == null || fact.at().isAfter(lastAt) ? fact.at() : lastAt;
      }
      Workload workload = ref.workload();
      handle
          .createUpdate(
              "INSERT INTO pod (cluster, uid, namespace, name, workload_kind, workload_name, node,"
                  + " phase, status, ready, restarts, created_at, deletion_requested_at,"
                  + " deleted_at, resource_version, updated_at, last_fact_id, snapshot) VALUES"
                  + " (:cluster, :uid, :namespace, :name, :kind, :workload, :node, :phase, :status,"
                  + " :ready, :restarts, :createdAt, NULL, :deletedAt, :rv, :updatedAt,"
                  + " :lastFactId, CAST(:snapshot AS jsonb))")
          .bind("cluster", ref.cluster())
          .bind("uid", ref.uid())
          .bind("namespace", ref.namespace())
          .bind("name", ref.name())
          .bind("kind", workload == null ? null : workload.kind())
          .bind("workload", workload == null ? null : workload.name())
          .bind("node", snapshot.node())
          .bind("phase", snapshot.phase())
          .bind("status", last[0])
          .bind("ready", last[1])
          .bind("restarts", Integer.parseInt(last[2]))
          .bind(
              "createdAt",
              snapshot.createdAt() == null ? null : snapshot.createdAt().atOffset(ZoneOffset.UTC))
          .bind(
              "deletedAt",
              snapshot.deletedAt() == null ? null : snapshot.deletedAt().atOffset(ZoneOffset.UTC))
          .bind("rv", snapshot.resourceVersion())
          .bind("updatedAt", lastAt.atOffset(ZoneOffset.UTC))
          .bind("lastFactId", ids.getLast())
          .bind("snapshot", new String(FactSerde.snapshotToBytes(snapshot), StandardCharsets.UTF_8))
          .execute();
      return ids;
    }
  }

  PodWriter pod(String cluster, String namespace, String name, String uid, Workload workload) {
    return new PodWriter(new PodRef(cluster, uid, namespace, name, workload));
  }

  /** A pod that was created, scheduled and is running and ready. */
  List<Long> running(
      String cluster,
      String namespace,
      String name,
      String uid,
      Workload workload,
      Instant created) {
    return pod(cluster, namespace, name, uid, workload)
        .observed(created, "node-1")
        .phase(created.plusSeconds(1), "Running", "Running", "0/1")
        .containerRunning(created.plusSeconds(2), "Running", "0/1", 0)
        .ready(created.plusSeconds(3), "Running", "1/1")
        .write();
  }
}
