package dev.podlife.analyzer.history;

import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.podlife.analyzer.PodLife;
import dev.podlife.collector.extract.PodSnapshots;
import dev.podlife.events.ConditionChanged;
import dev.podlife.events.ContainerStateChanged;
import dev.podlife.events.DeletionRequested;
import dev.podlife.events.Fact;
import dev.podlife.events.FactDiff;
import dev.podlife.events.PhaseChanged;
import dev.podlife.events.PodSnapshot;
import dev.podlife.testing.KubeJson;

import static org.assertj.core.api.Assertions.assertThat;

class FactSummaryTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static PodSnapshot pod(String fixture) {
    return PodSnapshots.of(
        "test", SERIALIZATION.unmarshal(KubeJson.resource("pods/" + fixture + ".json"), Pod.class));
  }

  /**
   * The summary of the first fact matching {@code which} on the way from {@code before} (null:
   * unknown) to {@code after}.
   */
  private static String summary(PodSnapshot before, PodSnapshot after, Predicate<Fact> which) {
    List<Fact> facts = FactDiff.between(before, after, null);
    PodSnapshot state = before == null ? PodSnapshot.unknown(after.pod()) : before;
    for (Fact fact : facts) {
      if (which.test(fact)) {
        return FactSummary.of(state, fact);
      }
      state = state.apply(fact);
    }
    throw new AssertionError("no such fact among " + facts);
  }

  private static Predicate<Fact> container(String name) {
    return f -> f instanceof ContainerStateChanged c && c.container().name().equals(name);
  }

  private static Predicate<Fact> condition(String type) {
    return f -> f instanceof ConditionChanged c && c.condition().type().equals(type);
  }

  @Test
  void anOomKilledContainerSaysReasonAndExitCode() {
    assertThat(summary(null, pod("oom-killed"), container("app")))
        .isEqualTo("Container app terminated: OOMKilled, exit 137");
  }

  @Test
  void aKilledContainerWithoutReasonSaysItsSignal() {
    assertThat(summary(null, pod("signal"), container("app")))
        .isEqualTo("Container app terminated: no reason, exit 137, signal 9 (restarts 2)");
  }

  @Test
  void aConditionSeenFirstSaysItsStatus() {
    assertThat(summary(null, pod("running"), condition("Ready"))).isEqualTo("Ready → True");
  }

  @Test
  void aConditionFlipSaysBothStatuses() {
    assertThat(
            summary(
                PodLife.snapshot("3-container-creating"),
                PodLife.snapshot("4-running"),
                condition("Ready")))
        .isEqualTo("Ready False → True");
  }

  @Test
  void aPhaseChangeSaysBothPhases() {
    assertThat(
            summary(
                PodLife.snapshot("3-container-creating"),
                PodLife.snapshot("4-running"),
                f -> f instanceof PhaseChanged))
        .isEqualTo("Phase Pending → Running");
  }

  @Test
  void anEvictionSaysTheReasonAndMessage() {
    assertThat(summary(null, pod("evicted"), f -> f instanceof PhaseChanged))
        .startsWith("Phase Failed (Evicted: The node was low on resource: memory.");
  }

  @Test
  void aDeletionSaysTheGracePeriod() {
    assertThat(
            summary(
                PodLife.snapshot("4-running"),
                PodLife.snapshot("5-terminating"),
                f -> f instanceof DeletionRequested))
        .isEqualTo("Deletion requested, grace 30s");
  }

  @Test
  void aRepeatedEventSaysHowOftenAndWhat() {
    assertThat(FactSummary.of(PodLife.snapshot("4-running"), PodLife.unhealthyEvent()))
        .isEqualTo(
            "Event Unhealthy ×4: Liveness probe failed: Get \"http://10.244.2.17:8080/healthz\":"
                + " context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
  }

  @Test
  void aCrashLoopSaysTheBackOffAndRestarts() {
    assertThat(summary(null, pod("crash-loop-back-off"), container("app")))
        .startsWith(
            "Container app waiting: CrashLoopBackOff (restarts 5) – back-off 2m40s restarting"
                + " failed container=app");
  }

  @Test
  void initAndSidecarContainersAreNamedAsSuch() {
    PodSnapshot pod = pod("sidecar-running");
    assertThat(summary(null, pod, container("init-db")))
        .isEqualTo("Init container init-db terminated: Completed, exit 0 (restarts 1)");
    assertThat(summary(null, pod, container("log-shipper")))
        .isEqualTo("Sidecar container log-shipper running (restarts 1)");
  }

  @Test
  void aReadinessFlipOfARunningContainerSaysReady() {
    PodSnapshot notReady = pod("init-restarts-dropped-once-initialized");
    PodSnapshot ready = withAppReady(notReady);
    assertThat(summary(notReady, ready, container("app"))).isEqualTo("Container app ready");
  }

  private static PodSnapshot withAppReady(PodSnapshot s) {
    var containers =
        s.containers().stream()
            .map(
                c ->
                    c.name().equals("app")
                        ? new dev.podlife.events.ContainerStatus(
                            c.name(),
                            c.kind(),
                            c.state(),
                            c.lastTerminated(),
                            true,
                            c.started(),
                            c.restartCount(),
                            c.image(),
                            c.imageID(),
                            c.containerID())
                        : c)
            .toList();
    return new PodSnapshot(
        s.pod(),
        "81028",
        s.createdAt(),
        s.node(),
        s.spec(),
        s.labels(),
        s.phase(),
        s.reason(),
        s.message(),
        s.conditions(),
        containers,
        s.deletionTimestamp(),
        s.deletionGracePeriodSeconds(),
        s.deletedAt());
  }
}
