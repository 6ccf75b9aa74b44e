package dev.podlife.analyzer.terminations;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;

import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.analyzer.store.FactStore;
import dev.podlife.collector.extract.PodSnapshots;
import dev.podlife.events.Fact;
import dev.podlife.events.FactDiff;
import dev.podlife.events.PodSnapshot;
import dev.podlife.testing.KubeJson;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static dev.podlife.analyzer.terminations.PodVersions.WEB_LIFE;
import static dev.podlife.analyzer.terminations.PodVersions.offline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@ExtendWith(PostgresExtension.class)
class TerminationProjectionIT {
  private final StoreUnderTest tables;
  private final FactStore store;

  TerminationProjectionIT(TestDatabase db) {
    this.tables = new StoreUnderTest(db, Instant.parse("2026-11-21T00:00:00Z"));
    this.store = tables.store();
  }

  @BeforeEach
  void emptyTables() {
    tables.empty();
  }

  private static Instant instant(Object timestamptz) {
    return timestamptz == null ? null : ((java.sql.Timestamp) timestamptz).toInstant();
  }

  @Test
  void eachContainerRunIsOneTerminationWhetherSeenInStateOrOnlyInLastState() {
    store.append(offline(WEB_LIFE));

    List<Map<String, Object>> terminations =
        tables.rows(
            "SELECT reason, exit_code, signal_name, finished_at, restart_count, message FROM"
                + " termination ORDER BY at");
    assertThat(terminations)
        .extracting(
            r -> r.get("reason"),
            r -> r.get("exit_code"),
            r -> r.get("signal_name"),
            r -> instant(r.get("finished_at")),
            r -> r.get("restart_count"))
        .containsExactly(
            // seen as state.terminated, then three more times as lastState: one termination
            tuple("OOMKilled", 137, "SIGKILL", Instant.parse("2026-11-20T10:02:10Z"), 0),
            // the restart happened between two observations: seen only in lastState
            tuple("Error", 139, "SIGSEGV", Instant.parse("2026-11-20T10:02:40Z"), 1),
            // runs 3 to 5 were never observed; the kubelet keeps only the last one
            tuple("Error", 1, null, Instant.parse("2026-11-20T10:12:03Z"), 5),
            tuple("Error", 143, "SIGTERM", Instant.parse("2026-11-20T10:40:00Z"), 7));
    assertThat(terminations.getFirst().get("message"))
        .isEqualTo("heap exhausted while loading catalog");
  }

  @Test
  void theSameTerminationIsNotStoredAgainWhenLaterUpdatesComeInOtherBatches() {
    for (List<Fact> version : PodVersions.factsPerVersion(WEB_LIFE)) {
      store.append(offline(version));
    }
    store.append(offline(WEB_LIFE));

    assertThat(tables.rows("SELECT count(*) AS n FROM termination"))
        .containsExactly(Map.of("n", 4L));
  }

  @Test
  void crashLoopEpisodesEndWithTheRunThatStayedUpAndWithTheDeletion() {
    for (List<Fact> version : PodVersions.factsPerVersion(WEB_LIFE)) {
      store.append(offline(version));
    }

    assertThat(
            tables.rows(
                "SELECT container, started_at, ended_at, end_reason, restarts_at_start,"
                    + " restarts_at_end, max_back_off_seconds FROM crash_loop_episode ORDER BY"
                    + " started_at"))
        .extracting(
            r -> r.get("container"),
            r -> instant(r.get("started_at")),
            r -> instant(r.get("ended_at")),
            r -> r.get("end_reason"),
            r -> r.get("restarts_at_start"),
            r -> r.get("restarts_at_end"),
            r -> r.get("max_back_off_seconds"))
        .containsExactly(
            tuple(
                "app",
                Instant.parse("2026-11-20T10:02:10Z"),
                Instant.parse("2026-11-20T10:17:03Z"),
                "RanStable",
                1,
                7,
                300),
            tuple(
                "app",
                Instant.parse("2026-11-20T10:40:00Z"),
                Instant.parse("2026-11-20T10:41:00Z"),
                "PodDeletionRequested",
                8,
                8,
                10));
  }

  @Test
  void aRebuildReplaysTheSameTerminationsAndEpisodes() {
    store.append(offline(WEB_LIFE));
    store.append(offline("pods/evicted-container-status-unknown.json"));
    String terminations =
        "SELECT pod_uid, container, reason, exit_code, at, run_key, finish_key FROM termination"
            + " ORDER BY id";
    String episodes =
        "SELECT started_at, ended_at, end_reason, restarts_at_end FROM crash_loop_episode ORDER BY"
            + " id";
    List<Map<String, Object>> before = tables.rows(terminations);
    List<Map<String, Object>> episodesBefore = tables.rows(episodes);

    store.rebuildProjections();

    assertThat(tables.rows(terminations)).isEqualTo(before).hasSize(6);
    assertThat(tables.rows(episodes)).isEqualTo(episodesBefore).hasSize(2);
  }

  @Test
  void everyAbnormalReasonIsKeptWithItsEvidence() {
    for (String pod :
        List.of(
            "pods/oom-killed.json",
            "pods/error.json",
            "pods/init-error.json",
            "pods/evicted.json",
            "pods/evicted-container-status-unknown.json",
            "terminations/start-error.json",
            "terminations/container-cannot-run.json",
            "terminations/deadline-exceeded.json",
            "terminations/preempted.json")) {
      store.append(offline(pod));
    }

    assertThat(
            tables.rows(
                "SELECT pod_name, container, container_kind, reason, exit_code, signal_name,"
                    + " during_deletion, message FROM termination ORDER BY pod_name, container"))
        .extracting(
            r -> r.get("pod_name"),
            r -> r.get("container"),
            r -> r.get("container_kind"),
            r -> r.get("reason"),
            r -> r.get("exit_code"),
            r -> r.get("signal_name"),
            r -> r.get("during_deletion"))
        .containsExactly(
            tuple("batch-low-7c9d8f6b5-pr3em", "", null, "Preempted", null, null, true),
            tuple("batch-low-7c9d8f6b5-pr3em", "app", "REGULAR", "Error", 143, "SIGTERM", true),
            tuple("loader-cannot-run", "app", "REGULAR", "ContainerCannotRun", 128, null, false),
            tuple("loader-start", "app", "REGULAR", "StartError", 128, null, false),
            tuple("nightly-report-29873-abcde", "", null, "DeadlineExceeded", null, null, false),
            tuple("nightly-report-29873-abcde", "app", "REGULAR", "Error", 137, "SIGKILL", false),
            tuple("shop-7c9d8f6b5-evct1", "", null, "Evicted", null, null, false),
            tuple("shop-7c9d8f6b5-evct2", "", null, "Evicted", null, null, false),
            tuple(
                "shop-7c9d8f6b5-evct2",
                "app",
                "REGULAR",
                "ContainerStatusUnknown",
                137,
                "SIGKILL",
                false),
            tuple("shop-7c9d8f6b5-init5", "init-db", "INIT", "Error", 1, null, false),
            tuple("shop-batch-29872", "app", "REGULAR", "Error", 1, null, false),
            tuple("shop-batch-29873", "app", "REGULAR", "OOMKilled", 137, "SIGKILL", false));
    assertThat(
            tables.rows("SELECT message FROM termination WHERE pod_name = 'shop-7c9d8f6b5-evct1'"))
        .extracting(r -> (String) r.get("message"))
        .singleElement()
        .asString()
        .startsWith("The node was low on resource: memory.");
    assertThat(
            tables.rows(
                "SELECT workload_kind, workload_name FROM termination WHERE pod_name ="
                    + " 'batch-low-7c9d8f6b5-pr3em'"))
        .extracting(r -> r.get("workload_kind"), r -> r.get("workload_name"))
        .containsOnly(tuple("Deployment", "batch-low"));
  }

  @Test
  void eachTerminationCarriesTheDisruptionThatCausedItExit137IsNotOneThing() {
    for (String pod :
        List.of(
            "terminations/preempted.json",
            "terminations/taint-manager.json",
            "terminations/evicted-by-eviction-api.json",
            "pods/evicted.json",
            "terminations/node-shutdown.json",
            "pods/oom-killed.json")) {
      store.append(offline(pod));
    }

    assertThat(
            tables.rows(
                "SELECT pod_name, container, reason, exit_code, disruption FROM termination"
                    + " ORDER BY pod_name, container, at"))
        .extracting(
            r -> r.get("pod_name"),
            r -> r.get("container"),
            r -> r.get("reason"),
            r -> r.get("exit_code"),
            r -> r.get("disruption"))
        .containsExactly(
            tuple("batch-low-7c9d8f6b5-pr3em", "", "Preempted", null, "preemption"),
            tuple("batch-low-7c9d8f6b5-pr3em", "app", "Error", 143, "preemption"),
            tuple("shop-7c9d8f6b5-evct1", "", "Evicted", null, "node_pressure"),
            tuple("shop-batch-29873", "app", "OOMKilled", 137, null),
            // the OOM kill an hour before the node shut down was not caused by it
            tuple("web-6d4b9c7f8-nsd4w", "", "Terminated", null, "node_shutdown"),
            tuple("web-6d4b9c7f8-nsd4w", "app", "OOMKilled", 137, null),
            tuple("web-6d4b9c7f8-nsd4w", "app", "Error", 137, "node_shutdown"),
            tuple("web-6d4b9c7f8-tnt5x", "app", "Error", 143, "taint_manager"),
            tuple("web-6d4cf56db6-r8t2v", "app", "Error", 143, "eviction"),
            tuple("web-6d4cf56db6-r8t2v", "envoy", "Error", 143, "eviction"));
  }

  @Test
  void aDisruptionTargetShownOnlyInALaterPodVersionStillClassifiesTheExitItCaused() {
    // the kubelet reported the SIGTERM exit before the taint manager's condition reached the pod
    Pod exited = PodVersions.pod("terminations/taint-manager.json");
    exited.getMetadata().setResourceVersion("4190");
    exited.getStatus().getConditions().removeIf(c -> c.getType().equals("DisruptionTarget"));
    Pod condition = PodVersions.pod("terminations/taint-manager.json");
    PodSnapshot first = PodSnapshots.of(PodVersions.CLUSTER, exited);
    PodSnapshot second = PodSnapshots.of(PodVersions.CLUSTER, condition);

    store.append(offline(FactDiff.between(null, first, null)));
    assertThat(tables.rows("SELECT disruption FROM termination"))
        .containsExactly(java.util.Collections.singletonMap("disruption", null));
    store.append(offline(FactDiff.between(first, second, null)));

    assertThat(tables.rows("SELECT container, exit_code, disruption FROM termination"))
        .containsExactly(
            Map.of("container", "app", "exit_code", 143, "disruption", "taint_manager"));
  }

  @Test
  void aLaterDisruptionTargetDoesNotClaimExitsBeforeItBegan() {
    // the pod running again after an OOM kill, an hour before its node shut down
    Pod restarted = PodVersions.pod("terminations/node-shutdown.json");
    restarted.getMetadata().setResourceVersion("4000");
    restarted.getStatus().setPhase("Running");
    restarted.getStatus().setReason(null);
    restarted.getStatus().setMessage(null);
    restarted.getStatus().getConditions().removeIf(c -> c.getType().equals("DisruptionTarget"));
    ContainerStatus app = restarted.getStatus().getContainerStatuses().getFirst();
    app.setRestartCount(1);
    app.setState(
        new ContainerStateBuilder()
            .withNewRunning()
            .withStartedAt("2026-11-20T10:30:02Z")
            .endRunning()
            .build());
    PodSnapshot running = PodSnapshots.of(PodVersions.CLUSTER, restarted);
    PodSnapshot shutdown =
        PodSnapshots.of(PodVersions.CLUSTER, PodVersions.pod("terminations/node-shutdown.json"));

    store.append(offline(FactDiff.between(null, running, null)));
    store.append(offline(FactDiff.between(running, shutdown, null)));

    assertThat(
            tables.rows(
                "SELECT container, reason, exit_code, disruption FROM termination"
                    + " ORDER BY container, at"))
        .extracting(
            r -> r.get("container"),
            r -> r.get("reason"),
            r -> r.get("exit_code"),
            r -> r.get("disruption"))
        .containsExactly(
            tuple("", "Terminated", null, "node_shutdown"),
            tuple("app", "OOMKilled", 137, null),
            tuple("app", "Error", 137, "node_shutdown"));
  }

  @Test
  void theMigrationBackfillsTheDisruptionAsTheProjectionDecidesIt() {
    for (String pod :
        List.of(
            "terminations/preempted.json",
            "terminations/taint-manager.json",
            "terminations/evicted-by-eviction-api.json",
            "pods/evicted.json",
            "terminations/node-shutdown.json",
            "pods/oom-killed.json")) {
      store.append(offline(pod));
    }
    String disruptions = "SELECT id, disruption FROM termination ORDER BY id";
    List<Map<String, Object>> projected = tables.rows(disruptions);

    // the migration's backfill, run again on the rows the projection wrote, without their verdict
    String migration = KubeJson.resource("db/migration/V90__termination_disruption.sql");
    String backfill =
        migration.substring(
            migration.indexOf("WITH pod_disruption"),
            migration.indexOf(";", migration.indexOf("WHERE d.cluster")));
    tables
        .jdbi()
        .useHandle(
            h -> {
              h.execute("UPDATE termination SET disruption = NULL");
              h.execute(backfill);
            });

    assertThat(tables.rows(disruptions)).isEqualTo(projected);
  }

  private static final String[] OOM_THEN_SIGTERM = {
    "terminations/oom-1-restarted.json", "terminations/oom-2-sigterm-reported-oom.json"
  };

  @Test
  void anOomKilledThatExitedOnSigtermAfterAnEarlierOomOfTheContainerIsUncertain() {
    store.append(offline(WEB_LIFE)); // one OOMKilled with exit 137: certain
    for (List<Fact> version : PodVersions.factsPerVersion(OOM_THEN_SIGTERM)) {
      store.append(offline(version));
    }

    assertThat(
            tables.rows(
                "SELECT pod_name, reason, exit_code, oom_uncertain FROM termination WHERE reason ="
                    + " 'OOMKilled' ORDER BY pod_name, at"))
        .extracting(
            r -> r.get("pod_name"),
            r -> r.get("reason"),
            r -> r.get("exit_code"),
            r -> r.get("oom_uncertain"))
        .containsExactly(
            tuple("cache-5f6d7c8b9-oom3x", "OOMKilled", 137, false),
            tuple("cache-5f6d7c8b9-oom3x", "OOMKilled", 143, true),
            tuple("web-6d4b9c7f8-k2x9q", "OOMKilled", 137, false));
  }

  @Test
  void theOomVerdictIsTheSameInOneBatchOnARebuildAndFromTheBackfill() {
    store.append(offline(OOM_THEN_SIGTERM));
    String verdicts = "SELECT exit_code, oom_uncertain FROM termination ORDER BY at";
    assertThat(tables.rows(verdicts))
        .extracting(r -> r.get("exit_code"), r -> r.get("oom_uncertain"))
        .containsExactly(tuple(137, false), tuple(143, true));
    List<Map<String, Object>> projected = tables.rows(verdicts);

    store.rebuildProjections();
    assertThat(tables.rows(verdicts)).isEqualTo(projected);

    String migration = KubeJson.resource("db/migration/V91__termination_oom_uncertain.sql");
    String backfill =
        migration.substring(migration.indexOf("UPDATE termination t"), migration.lastIndexOf(";"));
    tables
        .jdbi()
        .useHandle(
            h -> {
              h.execute("UPDATE termination SET oom_uncertain = false");
              h.execute(backfill);
            });
    assertThat(tables.rows(verdicts)).isEqualTo(projected);
  }

  /** A Job pod with a sidecar (a restartable init container) from its start to its success. */
  static final String[] JOB_WITH_SIDECAR = {
    "sidecars/job-1-sidecar-creating.json",
    "sidecars/job-2-sidecar-running-not-started.json",
    "sidecars/job-3-sidecar-started-initialized.json",
    "sidecars/job-4-running.json",
    "sidecars/job-5-main-completed.json",
    "sidecars/job-6-sidecar-stopped-succeeded.json"
  };

  @Test
  void aSidecarStoppedAfterTheMainContainerAtJobEndIsNotAnAbnormalTermination() {
    // the kubelet SIGTERMs the sidecar once the main container completed: its 143 is the Job's end
    for (List<Fact> version : PodVersions.factsPerVersion(JOB_WITH_SIDECAR)) {
      store.append(offline(version));
    }
    store.append(offline(JOB_WITH_SIDECAR));

    assertThat(tables.rows("SELECT container, reason, exit_code FROM termination")).isEmpty();
  }

  @Test
  void theMigrationRemovesASidecarsStopAtThePodsEndStoredBefore() {
    for (List<Fact> version : PodVersions.factsPerVersion(JOB_WITH_SIDECAR)) {
      store.append(offline(version));
    }
    store.append(offline(WEB_LIFE));
    String all = "SELECT pod_name, container, exit_code FROM termination ORDER BY id";
    List<Map<String, Object>> projected = tables.rows(all);
    // the row an analyzer before V92 stored for the Job's sidecar, and a sidecar crash while the
    // main container still ran, which stays
    tables
        .jdbi()
        .useHandle(
            h -> {
              h.execute(
                  "INSERT INTO termination (cluster, pod_uid, namespace, pod_name, container,"
                      + " container_kind, reason, exit_code, finished_at, at, during_deletion,"
                      + " run_key, finish_key, fact_id) SELECT cluster, uid, namespace, name,"
                      + " 'proxy', 'SIDECAR', 'Error', 143, finished, finished, false, 'r',"
                      + " finished::text, (SELECT min(id) FROM fact) FROM pod, (VALUES (timestamptz"
                      + " '2026-11-20T02:04:11Z'), (timestamptz '2026-11-20T02:01:00Z'))"
                      + " v(finished) WHERE name = 'nightly-sql-29874-x7q2w'");
              String migration =
                  KubeJson.resource("db/migration/V92__sidecar_stopped_at_pod_end.sql");
              h.execute(
                  migration.substring(migration.indexOf("DELETE"), migration.lastIndexOf(";")));
            });

    assertThat(tables.rows(all))
        .containsAll(projected)
        .hasSize(projected.size() + 1)
        .contains(
            Map.of("pod_name", "nightly-sql-29874-x7q2w", "container", "proxy", "exit_code", 143));
  }

  @Test
  void aSidecarStoppedAfterTheMainContainerOnDeletionIsNotATerminationOfItsOwn() {
    store.append(offline(dev.podlife.analyzer.shutdown.Recording.offline("sidecar-stopped-last")));

    assertThat(tables.rows("SELECT container, exit_code, during_deletion FROM termination"))
        .extracting(r -> r.get("container"), r -> r.get("exit_code"), r -> r.get("during_deletion"))
        .containsExactly(tuple("app", 143, true));
  }

  @Test
  void cleanExitsAreNotTerminations() {
    store.append(offline("pods/completed.json"));
    store.append(offline("terminations/stopped-cleanly-on-delete.json"));

    assertThat(tables.rows("SELECT count(*) AS n FROM termination"))
        .containsExactly(Map.of("n", 0L));
  }
}
