package dev.podlife.analyzer.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.podlife.collector.extract.PodSnapshots;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each case is a pod as the API server writes it (src/test/resources/pods), extracted by the
 * collector; the expected columns follow kubernetes printPod (and match printers_test.go where it
 * has the same case).
 */
class KubectlStatusTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static KubectlColumns columns(String fixture) {
    String path = "/pods/" + fixture + ".json";
    try (InputStream in = KubectlStatusTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      Pod pod =
          SERIALIZATION.unmarshal(new String(in.readAllBytes(), StandardCharsets.UTF_8), Pod.class);
      return KubectlStatus.of(PodSnapshots.of("test", pod));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // kubernetes v1.35 (PR #124766): Completed no longer hides a container that failed beside it
  @Test
  void aFailedContainerBesideACompletedOneShowsItsReasonNotCompleted() {
    assertThat(columns("completed-beside-error")).isEqualTo(new KubectlColumns("Error", "0/2", 0));
  }

  @Test
  void aFailedContainerWithoutAReasonShowsItsExitCode() {
    assertThat(columns("completed-beside-exit-code"))
        .isEqualTo(new KubectlColumns("ExitCode:2", "0/2", 0));
  }

  @Test
  void aRunningContainerInAReadyPodStillShowsRunningBesideAFailedOne() {
    assertThat(columns("completed-beside-oom-killed-ready"))
        .isEqualTo(new KubectlColumns("Running", "1/3", 0));
  }

  @Test
  void aRunningContainerInAPodThatIsNotReadyShowsTheFailureNotNotReady() {
    assertThat(columns("completed-beside-error-not-ready"))
        .isEqualTo(new KubectlColumns("Error", "1/3", 0));
  }

  @Test
  void unscheduledPodShowsItsPhasePending() {
    assertThat(columns("pending-unschedulable")).isEqualTo(new KubectlColumns("Pending", "0/1", 0));
  }

  @Test
  void waitingContainerReasonContainerCreatingReplacesThePhase() {
    assertThat(columns("container-creating"))
        .isEqualTo(new KubectlColumns("ContainerCreating", "0/1", 0));
  }

  @Test
  void failedPullShowsErrImagePull() {
    assertThat(columns("err-image-pull")).isEqualTo(new KubectlColumns("ErrImagePull", "0/1", 0));
  }

  @Test
  void pullBackOffShowsImagePullBackOff() {
    assertThat(columns("image-pull-backoff"))
        .isEqualTo(new KubectlColumns("ImagePullBackOff", "0/1", 0));
  }

  @Test
  void firstInitContainerRunningShowsInitZeroOfTwo() {
    assertThat(columns("init-running")).isEqualTo(new KubectlColumns("Init:0/2", "0/1", 0));
  }

  @Test
  void secondInitContainerRunningAfterTheFirstSucceededShowsInitOneOfTwo() {
    assertThat(columns("init-second-running")).isEqualTo(new KubectlColumns("Init:1/2", "0/1", 0));
  }

  @Test
  void waitingInitContainerShowsInitAndItsReason() {
    assertThat(columns("init-image-pull-backoff"))
        .isEqualTo(new KubectlColumns("Init:ImagePullBackOff", "0/1", 0));
  }

  @Test
  void crashLoopingInitContainerShowsInitCrashLoopBackOffAndItsRestarts() {
    assertThat(columns("init-crash-loop"))
        .isEqualTo(new KubectlColumns("Init:CrashLoopBackOff", "0/1", 3));
  }

  @Test
  void failedInitContainerShowsInitAndItsTerminationReason() {
    assertThat(columns("init-error")).isEqualTo(new KubectlColumns("Init:Error", "0/1", 0));
  }

  @Test
  void failedInitContainerWithoutReasonShowsInitExitCode() {
    assertThat(columns("init-exit-code"))
        .isEqualTo(new KubectlColumns("Init:ExitCode:2", "0/1", 0));
  }

  @Test
  void initializedPodWithWaitingContainerShowsPodInitializing() {
    assertThat(columns("pod-initializing"))
        .isEqualTo(new KubectlColumns("PodInitializing", "0/1", 0));
  }

  @Test
  void readyRunningContainerShowsRunning() {
    assertThat(columns("running")).isEqualTo(new KubectlColumns("Running", "1/1", 0));
  }

  @Test
  void completedContainerBesideARunningOneWithoutReadyConditionShowsNotReady() {
    assertThat(columns("not-ready-completed-container"))
        .isEqualTo(new KubectlColumns("NotReady", "1/2", 0));
  }

  @Test
  void completedContainerBesideARunningOneWithReadyConditionShowsRunning() {
    assertThat(columns("running-completed-container-ready"))
        .isEqualTo(new KubectlColumns("Running", "1/2", 0));
  }

  @Test
  void succeededPodShowsCompleted() {
    assertThat(columns("completed")).isEqualTo(new KubectlColumns("Completed", "0/1", 0));
  }

  @Test
  void failedContainerShowsError() {
    assertThat(columns("error")).isEqualTo(new KubectlColumns("Error", "0/1", 0));
  }

  @Test
  void oomKilledContainerShowsOOMKilled() {
    assertThat(columns("oom-killed")).isEqualTo(new KubectlColumns("OOMKilled", "0/1", 0));
  }

  @Test
  void crashLoopingContainerShowsCrashLoopBackOffAndItsRestarts() {
    assertThat(columns("crash-loop-back-off"))
        .isEqualTo(new KubectlColumns("CrashLoopBackOff", "0/1", 5));
  }

  @Test
  void terminationWithoutReasonButWithSignalShowsSignal() {
    assertThat(columns("signal")).isEqualTo(new KubectlColumns("Signal:9", "0/1", 2));
  }

  @Test
  void terminationWithoutReasonOrSignalShowsExitCode() {
    assertThat(columns("exit-code")).isEqualTo(new KubectlColumns("ExitCode:3", "0/1", 1));
  }

  @Test
  void runningPodWithDeletionTimestampShowsTerminating() {
    assertThat(columns("terminating")).isEqualTo(new KubectlColumns("Terminating", "1/1", 0));
  }

  @Test
  void deletedPodOnALostNodeShowsUnknown() {
    assertThat(columns("unknown-node-lost")).isEqualTo(new KubectlColumns("Unknown", "1/1", 0));
  }

  @Test
  void evictedPodShowsStatusReasonEvicted() {
    assertThat(columns("evicted")).isEqualTo(new KubectlColumns("Evicted", "0/1", 0));
  }

  @Test
  void terminatedContainerReasonOverridesEvicted() {
    assertThat(columns("evicted-container-status-unknown"))
        .isEqualTo(new KubectlColumns("ContainerStatusUnknown", "0/1", 0));
  }

  @Test
  void schedulingGatedConditionShowsSchedulingGated() {
    assertThat(columns("scheduling-gated"))
        .isEqualTo(new KubectlColumns("SchedulingGated", "0/1", 0));
  }

  @Test
  void startedSidecarCountsTowardsReadyAndRestarts() {
    assertThat(columns("sidecar-running")).isEqualTo(new KubectlColumns("Running", "2/2", 3));
  }

  @Test
  void sidecarNotYetStartedKeepsThePodInitializing() {
    assertThat(columns("sidecar-not-started")).isEqualTo(new KubectlColumns("Init:1/2", "0/2", 0));
  }

  @Test
  void initContainerRestartsDropOutOfRestartsOnceThePodIsInitialized() {
    assertThat(columns("init-restarts-dropped-once-initialized"))
        .isEqualTo(new KubectlColumns("Running", "0/1", 4));
  }

  @Test
  void theFirstContainersReasonWinsAndRestartsAddUp() {
    assertThat(columns("two-containers-first-reason-wins"))
        .isEqualTo(new KubectlColumns("CrashLoopBackOff", "0/2", 6));
  }

  @Test
  void containersAreReadInTheKubeletsNameOrderNotSpecOrder() {
    assertThat(columns("statuses-in-name-order"))
        .isEqualTo(new KubectlColumns("CrashLoopBackOff", "0/2", 1));
  }
}
