package dev.podlife.analyzer.startup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.collector.extract.EventFacts;
import dev.podlife.collector.extract.PodSnapshots;
import dev.podlife.events.Fact;
import dev.podlife.events.FactDiff;
import dev.podlife.events.PodSnapshot;
import dev.podlife.testing.KubeJson;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pod and Event objects as the API server writes them, through the collector's extraction into
 * pod_startup.
 */
@ExtendWith(PostgresExtension.class)
class StartupProjectionIT {
  private static final String CLUSTER = "test";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final Instant OBSERVED = Instant.parse("2026-11-20T10:00:09.250Z");

  private final StoreUnderTest tables;

  StartupProjectionIT(TestDatabase db) {
    this.tables = new StoreUnderTest(db, Instant.parse("2026-11-20T12:00:00Z"));
  }

  @BeforeEach
  void emptyTables() {
    tables.empty();
  }

  /**
   * The facts of a pod's successive objects (and its Events, given as "event:" resources), in
   * order; a resource without a folder is in startup/.
   */
  private static List<Fact> life(Instant observedAt, String... resources) {
    List<Fact> facts = new ArrayList<>();
    PodSnapshot previous = null;
    for (String resource : resources) {
      String name = resource.replace("event:", "");
      String json = KubeJson.resource((name.contains("/") ? name : "startup/" + name) + ".json");
      if (resource.startsWith("event:")) {
        PodSnapshot known = previous;
        EventFacts.of(
                CLUSTER,
                JSON.unmarshal(json, Event.class),
                uid -> known == null ? null : known.pod(),
                observedAt)
            .ifPresent(facts::add);
        continue;
      }
      PodSnapshot current = PodSnapshots.of(CLUSTER, JSON.unmarshal(json, Pod.class));
      facts.addAll(FactDiff.between(previous, current, observedAt));
      previous = current;
    }
    return facts;
  }

  private void store(List<Fact> facts) {
    tables.append(facts);
  }

  private Map<String, Object> row(String uid) {
    return tables
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT * FROM pod_startup WHERE cluster = :cluster AND uid = :uid")
                    .bind("cluster", CLUSTER)
                    .bind("uid", uid)
                    .mapToMap()
                    .one());
  }

  private static Instant instant(Object timestamp) {
    return timestamp == null ? null : ((java.sql.Timestamp) timestamp).toInstant();
  }

  @Test
  void aFailedInitRunAndItsBackOffAreInitTime() {
    // migrate fails (08:00:01–05), waits out its back-off and succeeds (08:00:15–41): the pod spent
    // 40 s in its init
    // containers, which the audit's init share and the SLI's init exclusion both count; the failed
    // run is seen only
    // in the last object's lastState
    List<Fact> facts =
        life(
            OBSERVED,
            "audit/migrating-1-init-running",
            "audit/migrating-2-init-failed",
            "audit/migrating-3-init-running-again",
            "audit/migrating-4-ready");
    store(facts);

    Map<String, Object> row = row(facts.getFirst().pod().uid());
    assertThat(row.get("init_ms")).isEqualTo(40_000L);
    assertThat(row.get("create_to_ready_ms")).isEqualTo(50_000L);
  }

  @Test
  void aSidecarsStartUntilItsStartupProbePassedIsInitTimeAndThePodIsInitializedThen() {
    // the sidecar runs from 02:00:03, its startup probe passes at 02:00:07: only then is the pod
    // Initialized and the main container started (02:00:08)
    List<Fact> facts =
        life(
            OBSERVED,
            "sidecars/job-1-sidecar-creating",
            "sidecars/job-2-sidecar-running-not-started",
            "sidecars/job-3-sidecar-started-initialized",
            "sidecars/job-4-running");
    store(facts);

    Map<String, Object> row = row(facts.getFirst().pod().uid());
    assertThat(instant(row.get("initialized"))).isEqualTo(Instant.parse("2026-11-20T02:00:07Z"));
    assertThat(row.get("init_ms")).isEqualTo(4_000L);
    assertThat(instant(row.get("running"))).isEqualTo(Instant.parse("2026-11-20T02:00:08Z"));
  }

  @Test
  void aPodStuckPullingItsImageIsNotStartedWithItsLatestReason() {
    store(life(null, "backoff-1-errimagepull", "backoff-2-imagepullbackoff"));

    Map<String, Object> row = row("5b1e0c2a-0000-4000-8000-00000000b001");
    assertThat(row.get("started")).isEqualTo(false);
    assertThat(row.get("running")).isNull();
    assertThat(row.get("waiting_reason")).isEqualTo("ImagePullBackOff");
    assertThat(instant(row.get("waiting_since"))).isNotNull();
    assertThat(instant(row.get("created"))).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    assertThat(instant(row.get("scheduled"))).isEqualTo(Instant.parse("2026-11-20T10:00:01Z"));
  }

  @Test
  void anUnschedulablePodIsNotStartedAndLeftOutOfTheSlo() {
    store(life(null, "unschedulable"));

    Map<String, Object> row = row("5b1e0c2a-0000-4000-8000-00000000b002");
    assertThat(row.get("started")).isEqualTo(false);
    assertThat(row.get("waiting_reason")).isEqualTo("Unschedulable");
    assertThat(instant(row.get("waiting_since"))).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    assertThat(row.get("unschedulable")).isEqualTo(true);
    assertThat(row.get("scheduled")).isNull();
  }

  @Test
  void aContainerRestartIsNotAStartupAndItsImagePullDoesNotCount() {
    store(
        life(
            OBSERVED,
            "restart-1-running",
            "event:restart-pulled-older-form",
            "restart-2-restarted",
            "event:restart-pulled-for-restart"));

    Map<String, Object> row = row("7f3c2b1a-9e8d-4c7b-a6f5-e4d3c2b1a090");
    assertThat(row.get("started")).isEqualTo(true);
    assertThat(instant(row.get("running"))).isEqualTo(Instant.parse("2026-11-20T10:00:06Z"));
    assertThat(instant(row.get("ready"))).isEqualTo(Instant.parse("2026-11-20T10:00:08Z"));
    assertThat(instant(row.get("watched"))).isEqualTo(OBSERVED);
    assertThat(row.get("image_pull_ms")).isEqualTo(2346L);
    assertThat(row.get("stateless")).isEqualTo(true);
    assertThat(row.get("waiting_reason")).isNull();
  }

  @Test
  void aRebuildGivesTheSameRows() {
    store(life(null, "backoff-1-errimagepull", "backoff-2-imagepullbackoff"));
    store(
        life(
            OBSERVED,
            "restart-1-running",
            "event:restart-pulled-older-form",
            "restart-2-restarted"));
    String query = "SELECT * FROM pod_startup ORDER BY uid";
    List<Map<String, Object>> before = tables.rows(query);
    assertThat(before).extracting(r -> r.get("slo_eligible")).containsExactly(false, true);

    tables.store().rebuildProjections();

    List<Map<String, Object>> after = tables.rows(query);
    assertThat(after).isEqualTo(before).hasSize(2);
  }

  @Test
  void theSloCountsAStartedStatelessPodThatWasAlwaysSchedulable() {
    store(
        life(
            OBSERVED,
            "restart-1-running",
            "event:restart-pulled-older-form",
            "restart-2-restarted"));
    store(life(null, "unschedulable"));
    store(life(null, "backoff-1-errimagepull", "backoff-2-imagepullbackoff"));

    assertThat(row(RUNNING_UID).get("slo_eligible")).isEqualTo(true);
    assertThat(row("5b1e0c2a-0000-4000-8000-00000000b002").get("slo_eligible"))
        .as("unschedulable")
        .isEqualTo(false);
    assertThat(row("5b1e0c2a-0000-4000-8000-00000000b001").get("slo_eligible"))
        .as("never started")
        .isEqualTo(false);
    List<StartupSlo.SliSample> eligible =
        tables
            .jdbi()
            .withHandle(
                h ->
                    new StartupSlo(h)
                        .createdBetween(
                            Instant.parse("2026-11-20T00:00:00Z"),
                            Instant.parse("2026-11-21T00:00:00Z")));
    assertThat(eligible)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.uid()).isEqualTo(RUNNING_UID);
              assertThat(p.created()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
              assertThat(p.sliMs()).isEqualTo(row(RUNNING_UID).get("sli_ms"));
            });
  }

  @Test
  void aStartedPodWithAPersistentVolumeIsNotCountedByTheSlo() {
    store(withClaim("restart-1-running"));

    Map<String, Object> row = row(RUNNING_UID);
    assertThat(row.get("started")).isEqualTo(true);
    assertThat(row.get("stateless")).isEqualTo(false);
    assertThat(row.get("slo_eligible")).isEqualTo(false);
  }

  private static final String RUNNING_UID = "7f3c2b1a-9e8d-4c7b-a6f5-e4d3c2b1a090";

  /** The facts of a pod object that also mounts a PersistentVolumeClaim. */
  private static List<Fact> withClaim(String resource) {
    String json = KubeJson.resource("startup/" + resource + ".json");
    Pod pod =
        new PodBuilder(JSON.unmarshal(json, Pod.class))
            .editSpec()
            .addNewVolume()
            .withName("data")
            .withNewPersistentVolumeClaim()
            .withClaimName("data")
            .endPersistentVolumeClaim()
            .endVolume()
            .endSpec()
            .build();
    return FactDiff.between(null, PodSnapshots.of(CLUSTER, pod), OBSERVED);
  }
}
