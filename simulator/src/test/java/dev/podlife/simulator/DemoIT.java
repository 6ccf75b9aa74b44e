package dev.podlife.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import dev.podlife.simulator.Observed.Change;
import dev.podlife.simulator.Observed.Kind;

import static dev.podlife.simulator.Observed.podOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Plays the demo ten times faster and checks what a collector's informers, configured from the
 * written kubeconfig, see of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private SimulatedCluster cluster;
  private KubernetesClient watcher;
  private Observed observed;
  private Demo demo;

  @BeforeAll
  void playDemo() throws Exception {
    cluster = SimulatedCluster.start();
    Path kubeconfig =
        cluster.writeKubeconfig(Files.createTempDirectory("podlife-demo").resolve("kubeconfig"));
    watcher =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(kubeconfig.toFile()))
            .build();
    observed = new Observed(watcher);
    demo = cluster.playDemo(Clock.systemUTC(), 0.1);
  }

  @AfterAll
  void stop() {
    // The demo first: a watch closed while events stream can stall the mock server's event loop.
    demo.close();
    observed.close();
    watcher.close();
    cluster.close();
    assertThat(observed.failures).isEmpty();
  }

  @Test
  void seedPodGoesThroughPhasesAndConditionsInOrderWithRisingTimestamps() {
    List<Pod> seed = awaitSeedDeleted();

    List<String> phases = new ArrayList<>();
    for (Pod p : seed) {
      String phase = p.getStatus().getPhase();
      if (!phases.isEmpty() && phases.getLast().equals(phase)) {
        continue;
      }
      phases.add(phase);
    }
    assertThat(phases).containsExactly("Pending", "Running", "Failed");
    assertThat(seed.getFirst().getStatus().getQosClass()).isEqualTo("Burstable");
    assertThat(seed.getFirst().getMetadata().getUid())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    Set<String> becameTrue = new LinkedHashSet<>();
    for (Pod p : seed) {
      p.getStatus().getConditions().stream()
          .filter(c -> "True".equals(c.getStatus()))
          .forEach(c -> becameTrue.add(c.getType()));
    }
    assertThat(new ArrayList<>(becameTrue).subList(0, 3))
        .containsExactly("PodScheduled", "PodReadyToStartContainers", "Initialized");
    assertThat(new ArrayList<>(becameTrue).subList(3, 5))
        .containsExactlyInAnyOrder("ContainersReady", "Ready");

    Pod ready = seed.stream().filter(p -> conditionTrue(p, "Ready")).findFirst().orElseThrow();
    Instant created = Instant.parse(ready.getMetadata().getCreationTimestamp());
    ContainerStatus migrate = ready.getStatus().getInitContainerStatuses().getFirst();
    ContainerStatus loap = ready.getStatus().getContainerStatuses().getFirst();
    List<Instant> timeline =
        List.of(
            created,
            transition(ready, "PodScheduled"),
            Instant.parse(ready.getStatus().getStartTime()),
            transition(ready, "PodReadyToStartContainers"),
            Instant.parse(migrate.getState().getTerminated().getStartedAt()),
            Instant.parse(migrate.getState().getTerminated().getFinishedAt()),
            transition(ready, "Initialized"),
            Instant.parse(loap.getState().getRunning().getStartedAt()),
            transition(ready, "Ready"));
    assertThat(timeline).isSorted();
    assertThat(Duration.between(created, transition(ready, "Ready")))
        .isBetween(ofSeconds(6), ofSeconds(11));
    assertThat(migrate.getState().getTerminated().getReason()).isEqualTo("Completed");
    assertThat(loap.getRestartCount()).isZero();
    assertThat(loap.getStarted()).isTrue();
  }

  @Test
  void seedDeletionCarriesDeletionTimestampAndGraceBeforeTheObjectDisappears() {
    List<Change<Pod>> changes = awaitSeedChanges();
    int marked = indexOf(changes, c -> c.object().getMetadata().getDeletionTimestamp() != null);
    int deleted = indexOf(changes, c -> c.kind() == Kind.DELETED);
    assertThat(marked).isPositive().isLessThan(deleted);

    Pod markedPod = changes.get(marked).object();
    assertThat(markedPod.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(30L);
    assertThat(markedPod.getStatus().getContainerStatuses().getFirst().getState().getRunning())
        .isNotNull();
    Instant requested =
        Instant.parse(markedPod.getMetadata().getDeletionTimestamp()).minusSeconds(30);

    Pod last = changes.get(deleted - 1).object();
    var terminated = last.getStatus().getContainerStatuses().getFirst().getState().getTerminated();
    assertThat(terminated.getExitCode()).isEqualTo(143);
    assertThat(Instant.parse(terminated.getFinishedAt()))
        .isBetween(requested, requested.plusSeconds(5));
    assertThat(last.getMetadata().getDeletionTimestamp()).isNotNull();

    Event killing = latestEvent(markedPod.getMetadata().getUid(), "Killing");
    assertThat(killing.getMessage()).isEqualTo("Stopping container loap");
    assertThat(killing.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{loap}");
    assertThat(Instant.parse(killing.getLastTimestamp()))
        .isBetween(requested.minusSeconds(1), requested.plusSeconds(1));
  }

  @Test
  void seedEventsReadLikeTheSchedulersAndKubelets() {
    Pod seed = awaitSeedDeleted().getFirst();
    String uid = seed.getMetadata().getUid();

    Event scheduled = latestEvent(uid, "Scheduled");
    assertThat(scheduled.getMessage())
        .isEqualTo(
            "Successfully assigned demo/" + seed.getMetadata().getName() + " to sim-worker-1");
    assertThat(scheduled.getReportingComponent()).isEqualTo("default-scheduler");
    assertThat(scheduled.getEventTime()).isNotNull();

    List<Event> pulled = latestEvents(uid, "Pulled");
    assertThat(pulled)
        .extracting(e -> e.getInvolvedObject().getFieldPath() + " " + e.getMessage())
        .containsExactlyInAnyOrder(
            "spec.initContainers{migrate} Container image \"ghcr.io/podlife/loap-migrate:1.4.2\""
                + " already present on machine",
            "spec.containers{loap} Successfully pulled image \"ghcr.io/podlife/loap:1.4.2\" in"
                + " 612ms (612ms including waiting). Image size: 48213451 bytes.");
    Event started = latestEvents(uid, "Started").getLast();
    assertThat(started.getSource().getComponent()).isEqualTo("kubelet");
    assertThat(started.getSource().getHost()).isEqualTo("sim-worker-1");
    assertThat(started.getReportingInstance()).isEqualTo("sim-worker-1");
    assertThat(started.getInvolvedObject().getKind()).isEqualTo("Pod");
    assertThat(started.getInvolvedObject().getNamespace()).isEqualTo("demo");
    assertThat(started.getCount()).isEqualTo(1);
    assertThat(started.getMetadata().getUid()).isNotNull();
    assertThat(started.getMetadata().getName()).startsWith(seed.getMetadata().getName() + ".");
  }

  @Test
  void seedPodIsOwnedByAReplicaSetOwnedByTheLoapDeployment() {
    Pod seed = awaitSeedDeleted().getFirst();
    var owner = seed.getMetadata().getOwnerReferences().getFirst();
    assertThat(owner.getKind()).isEqualTo("ReplicaSet");
    assertThat(owner.getController()).isTrue();
    assertThat(seed.getMetadata().getLabels()).containsKey("pod-template-hash");
    var replicaSet =
        watcher.apps().replicaSets().inNamespace("demo").withName(owner.getName()).get();
    assertThat(replicaSet.getMetadata().getUid()).isEqualTo(owner.getUid());
    var deploymentRef = replicaSet.getMetadata().getOwnerReferences().getFirst();
    assertThat(deploymentRef.getKind()).isEqualTo("Deployment");
    assertThat(deploymentRef.getName()).isEqualTo("loap");
    assertThat(
            watcher
                .apps()
                .deployments()
                .inNamespace("demo")
                .withName("loap")
                .get()
                .getSpec()
                .getReplicas())
        .isZero();
  }

  @Test
  void crashLoopingContainerRestartsMoreAndItsBackOffEventIsCountedInPlace() {
    awaitDemo()
        .until(
            () ->
                observed.pods.stream()
                    .anyMatch(c -> podOf("crashy").test(c.object()) && restarts(c.object()) >= 2));
    Pod crashing =
        observed.pods.stream()
            .map(Change::object)
            .filter(p -> podOf("crashy").test(p) && restarts(p) >= 2)
            .findFirst()
            .orElseThrow();
    String uid = crashing.getMetadata().getUid();
    awaitDemo().until(() -> latestEvents(uid, "BackOff").stream().anyMatch(e -> e.getCount() >= 3));

    List<Pod> history =
        observed.podChanges(p -> uid.equals(p.getMetadata().getUid())).stream()
            .map(Change::object)
            .toList();
    assertThat(history).extracting(DemoIT::restarts).isSorted().contains(0, 1, 2);
    ContainerStatus backingOff =
        history.stream()
            .filter(p -> !p.getStatus().getContainerStatuses().isEmpty())
            .map(p -> p.getStatus().getContainerStatuses().getFirst())
            .filter(
                s ->
                    s.getState().getWaiting() != null
                        && "CrashLoopBackOff".equals(s.getState().getWaiting().getReason()))
            .findFirst()
            .orElseThrow();
    assertThat(backingOff.getLastState().getTerminated().getExitCode()).isEqualTo(1);
    assertThat(backingOff.getLastState().getTerminated().getReason()).isEqualTo("Error");
    assertThat(backingOff.getState().getWaiting().getMessage())
        .startsWith("back-off 10s restarting failed container=app pod=");

    List<Event> backOffs =
        observed
            .eventChanges(
                e -> uid.equals(e.getInvolvedObject().getUid()) && "BackOff".equals(e.getReason()))
            .stream()
            .map(Change::object)
            .toList();
    assertThat(backOffs)
        .extracting(e -> e.getMetadata().getName())
        .containsOnly(backOffs.getFirst().getMetadata().getName());
    assertThat(backOffs)
        .extracting(e -> e.getMetadata().getUid())
        .containsOnly(backOffs.getFirst().getMetadata().getUid());
    assertThat(backOffs).extracting(Event::getCount).startsWith(1, 2, 3).isSorted();
    assertThat(backOffs)
        .extracting(Event::getFirstTimestamp)
        .containsOnly(backOffs.getFirst().getFirstTimestamp());
    assertThat(backOffs).extracting(e -> Instant.parse(e.getLastTimestamp())).isSorted();
    assertThat(backOffs.getFirst().getType()).isEqualTo("Warning");
    assertThat(backOffs.getFirst().getMessage())
        .isEqualTo(
            "Back-off restarting failed container app in pod "
                + crashing.getMetadata().getName()
                + "_demo("
                + uid
                + ")");
  }

  @Test
  void oomKilledContainerShowsReasonOomKilledAndExitCode137() {
    awaitDemo()
        .until(
            () ->
                observed.pods.stream()
                    .anyMatch(c -> podOf("hungry").test(c.object()) && restarts(c.object()) >= 1));
    ContainerStatus status =
        observed.pods.stream()
            .map(Change::object)
            .filter(p -> podOf("hungry").test(p) && restarts(p) >= 1)
            .map(p -> p.getStatus().getContainerStatuses().getFirst())
            .findFirst()
            .orElseThrow();
    var oom = status.getLastState().getTerminated();
    assertThat(oom.getReason()).isEqualTo("OOMKilled");
    assertThat(oom.getExitCode()).isEqualTo(137);
    assertThat(status.getState().getRunning()).isNotNull();
  }

  @Test
  void slowPullKeepsTheContainerCreatingForTenSeconds() {
    awaitDemo()
        .until(
            () ->
                observed.events.stream()
                    .anyMatch(
                        c ->
                            "Pulled".equals(c.object().getReason())
                                && c.object().getMessage().contains("ml-inference")));
    Event pulled =
        observed.events.stream()
            .map(Change::object)
            .filter(e -> "Pulled".equals(e.getReason()) && e.getMessage().contains("ml-inference"))
            .findFirst()
            .orElseThrow();
    assertThat(pulled.getMessage())
        .isEqualTo(
            "Successfully pulled image \"ghcr.io/podlife/ml-inference:2.1.0\" in"
                + " 10.2s (10.2s including waiting). Image size: 1843256721 bytes.");
    Event pulling = latestEvent(pulled.getInvolvedObject().getUid(), "Pulling");
    assertThat(
            Duration.between(
                Instant.parse(pulling.getLastTimestamp()),
                Instant.parse(pulled.getLastTimestamp())))
        .isBetween(ofSeconds(9), ofSeconds(13));
    assertThat(
            observed.podChanges(
                p -> pulled.getInvolvedObject().getUid().equals(p.getMetadata().getUid())))
        .map(c -> c.object().getStatus().getContainerStatuses())
        .filteredOn(s -> !s.isEmpty() && s.getFirst().getState().getWaiting() != null)
        .extracting(s -> s.getFirst().getState().getWaiting().getReason())
        .containsOnly("ContainerCreating");
  }

  @Test
  void failingReadinessKeepsTheRunningPodUnreadyWhileUnhealthyCountsUp() {
    // wobbly's liveness failures count up at nearly the same time: pick flaky-ready's own Event
    java.util.function.Predicate<Event> flakyUnhealthy =
        e ->
            "Unhealthy".equals(e.getReason())
                && e.getCount() >= 3
                && e.getInvolvedObject().getName().startsWith("flaky-ready-");
    awaitDemo().until(() -> observed.events.stream().map(Change::object).anyMatch(flakyUnhealthy));
    Event unhealthy =
        observed.events.stream()
            .map(Change::object)
            .filter(flakyUnhealthy)
            .findFirst()
            .orElseThrow();
    assertThat(unhealthy.getMessage())
        .isEqualTo("Readiness probe failed: HTTP probe failed with statuscode: 503");
    Pod pod =
        observed
            .podChanges(
                p -> unhealthy.getInvolvedObject().getUid().equals(p.getMetadata().getUid()))
            .stream()
            .map(Change::object)
            .filter(p -> "Running".equals(p.getStatus().getPhase()))
            .toList()
            .getLast();
    assertThat(conditionTrue(pod, "Ready")).isFalse();
    assertThat(conditionTrue(pod, "ContainersReady")).isFalse();
  }

  @Test
  void failedLivenessProbeKillsAndRestartsTheContainer() {
    awaitDemo()
        .until(
            () ->
                observed.pods.stream()
                    .anyMatch(c -> podOf("wobbly").test(c.object()) && restarts(c.object()) >= 1));
    Pod restarted =
        observed.pods.stream()
            .map(Change::object)
            .filter(p -> podOf("wobbly").test(p) && restarts(p) >= 1)
            .findFirst()
            .orElseThrow();
    String uid = restarted.getMetadata().getUid();
    var killed =
        restarted.getStatus().getContainerStatuses().getFirst().getLastState().getTerminated();
    assertThat(killed.getExitCode()).isEqualTo(143);

    Event unhealthy = latestEvent(uid, "Unhealthy");
    assertThat(unhealthy.getMessage())
        .isEqualTo("Liveness probe failed: HTTP probe failed with statuscode: 500");
    assertThat(unhealthy.getCount()).isEqualTo(3);
    Event killing =
        latestEvents(uid, "Killing").stream()
            .filter(
                e ->
                    e.getMessage().equals("Container api failed liveness probe, will be restarted"))
            .findFirst()
            .orElseThrow();
    assertThat(Instant.parse(killing.getLastTimestamp()))
        .isAfterOrEqualTo(Instant.parse(unhealthy.getLastTimestamp()))
        .isBeforeOrEqualTo(Instant.parse(killed.getFinishedAt()));
  }

  @Test
  void stubbornPodIsKilledWith137AfterItsGracePeriod() {
    awaitDemo()
        .until(
            () ->
                observed.events.stream()
                    .anyMatch(c -> "FailedPreStopHook".equals(c.object().getReason())));
    Event hook =
        observed.events.stream()
            .map(Change::object)
            .filter(e -> "FailedPreStopHook".equals(e.getReason()))
            .findFirst()
            .orElseThrow();
    String uid = hook.getInvolvedObject().getUid();
    awaitDemo()
        .until(
            () ->
                observed.pods.stream()
                    .anyMatch(
                        c ->
                            c.kind() == Kind.DELETED
                                && uid.equals(c.object().getMetadata().getUid())));
    Pod last =
        observed.podChanges(p -> uid.equals(p.getMetadata().getUid())).stream()
            .filter(c -> c.kind() != Kind.DELETED)
            .map(Change::object)
            .toList()
            .getLast();
    assertThat(last.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(5L);
    var terminated = last.getStatus().getContainerStatuses().getFirst().getState().getTerminated();
    assertThat(terminated.getExitCode()).isEqualTo(137);
    assertThat(Instant.parse(terminated.getFinishedAt()))
        .isAfter(Instant.parse(last.getMetadata().getDeletionTimestamp()));
  }

  @Test
  void evictedJobPodFailsWithReasonEvicted() {
    awaitDemo()
        .until(
            () ->
                observed.pods.stream()
                    .anyMatch(c -> "Evicted".equals(c.object().getStatus().getReason())));
    Pod evicted =
        observed.pods.stream()
            .map(Change::object)
            .filter(p -> "Evicted".equals(p.getStatus().getReason()))
            .findFirst()
            .orElseThrow();
    assertThat(evicted.getStatus().getPhase()).isEqualTo("Failed");
    assertThat(evicted.getMetadata().getOwnerReferences().getFirst().getKind()).isEqualTo("Job");
    assertThat(evicted.getStatus().getConditions())
        .extracting(PodCondition::getType)
        .contains("DisruptionTarget");
    assertThat(latestEvent(evicted.getMetadata().getUid(), "Evicted").getMessage())
        .startsWith("The node was low on resource: memory.");
  }

  @Test
  void everyPodHasAUidOfItsOwn() {
    awaitDemo()
        .until(() -> observed.pods.stream().filter(c -> c.kind() == Kind.ADDED).count() >= 10);
    List<Pod> added =
        observed.pods.stream().filter(c -> c.kind() == Kind.ADDED).map(Change::object).toList();
    assertThat(added).extracting(p -> p.getMetadata().getUid()).doesNotHaveDuplicates();
    assertThat(added).extracting(p -> p.getMetadata().getName()).doesNotHaveDuplicates();
  }

  /**
   * Waits at most PATIENCE, and fails at once with the cause if a scenario stopped on a failure.
   */
  private org.awaitility.core.ConditionFactory awaitDemo() {
    return await()
        .atMost(PATIENCE)
        .failFast(
            "a demo scenario failed",
            () -> {
              if (!demo.failures().isEmpty()) {
                throw demo.failures().getFirst();
              }
            });
  }

  private List<Change<Pod>> awaitSeedChanges() {
    awaitDemo()
        .until(
            () ->
                observed.podChanges(podOf("loap")).stream()
                    .anyMatch(c -> c.kind() == Kind.DELETED));
    return observed.podChanges(podOf("loap"));
  }

  private List<Pod> awaitSeedDeleted() {
    return awaitSeedChanges().stream().map(Change::object).toList();
  }

  private Event latestEvent(String podUid, String reason) {
    return latestEvents(podUid, reason).getLast();
  }

  /** The last seen version of each Event object about the pod with that reason. */
  private List<Event> latestEvents(String podUid, String reason) {
    var byName = new java.util.LinkedHashMap<String, Event>();
    observed.events.stream()
        .map(Change::object)
        .filter(e -> podUid.equals(e.getInvolvedObject().getUid()) && reason.equals(e.getReason()))
        .forEach(e -> byName.put(e.getMetadata().getName(), e));
    assertThat(byName).as("%s events about pod %s", reason, podUid).isNotEmpty();
    return new ArrayList<>(byName.values());
  }

  private static int restarts(Pod pod) {
    return pod.getStatus().getContainerStatuses().stream()
        .mapToInt(ContainerStatus::getRestartCount)
        .sum();
  }

  private static boolean conditionTrue(Pod pod, String type) {
    return pod.getStatus().getConditions().stream()
        .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static Instant transition(Pod pod, String type) {
    return pod.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .map(PodCondition::getLastTransitionTime)
        .filter(Objects::nonNull)
        .map(Instant::parse)
        .findFirst()
        .orElseThrow();
  }

  private static <T> int indexOf(List<T> list, Predicate<T> which) {
    for (int i = 0; i < list.size(); i++) {
      if (which.test(list.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static Duration ofSeconds(long seconds) {
    return Duration.ofSeconds(seconds);
  }
}
