package dev.podlife.collector.extract;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

import dev.podlife.collector.CollectorException;
import dev.podlife.events.ContainerKind;
import dev.podlife.events.ContainerSpec;
import dev.podlife.events.ContainerState;
import dev.podlife.events.ContainerStatus;
import dev.podlife.events.Hook;
import dev.podlife.events.OwnerRef;
import dev.podlife.events.PodCondition;
import dev.podlife.events.PodRef;
import dev.podlife.events.PodSnapshot;
import dev.podlife.events.Probe;
import dev.podlife.events.Workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PodSnapshotsTest {

  @Test
  void pendingPodKeepsItsUnschedulableConditionGatesAndPriorityClass() {
    PodSnapshot snapshot = PodSnapshots.of("prod", Fixtures.pod("pending-unschedulable"));

    assertThat(snapshot.pod())
        .isEqualTo(
            new PodRef(
                "prod", "0f3c5d7e-1b2a-4c9d-8e7f-6a5b4c3d2e1f", "jobs", "batch-worker", null));
    assertThat(snapshot.resourceVersion()).isEqualTo("48211");
    assertThat(snapshot.createdAt()).isEqualTo(Instant.parse("2026-11-25T16:00:00Z"));
    assertThat(snapshot.node()).isNull();
    assertThat(snapshot.phase()).isEqualTo("Pending");
    assertThat(snapshot.labels()).containsEntry("app", "batch-worker");
    assertThat(snapshot.conditions())
        .containsExactly(
            new PodCondition(
                "PodScheduled",
                "False",
                "Unschedulable",
                "0/3 nodes are available: 3 Insufficient cpu, 3 Insufficient memory. preemption:"
                    + " 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
                Instant.parse("2026-11-25T16:00:00Z")));
    assertThat(snapshot.containers()).isEmpty();
    assertThat(snapshot.spec().schedulingGates()).containsExactly("example.com/quota-check");
    assertThat(snapshot.spec().priorityClassName()).isEqualTo("batch-high");
    assertThat(snapshot.spec().restartPolicy()).isEqualTo("Never");
    assertThat(snapshot.spec().owner()).isNull();
    assertThat(snapshot.spec().volumeKinds()).isEmpty();
    assertThat(snapshot.deletionTimestamp()).isNull();
  }

  @Test
  void runningDeploymentPodNamesItsDeploymentAndSummarisesInitSidecarProbesHooksAndVolumes() {
    PodSnapshot snapshot = PodSnapshots.of("prod", Fixtures.pod("running-deployment"));

    assertThat(snapshot.pod().workload()).isEqualTo(new Workload("Deployment", "web"));
    assertThat(snapshot.node()).isEqualTo("node-b");
    assertThat(snapshot.spec().owner())
        .isEqualTo(
            new OwnerRef("ReplicaSet", "web-7d4b9c8f5d", "5e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b"));
    assertThat(snapshot.spec().terminationGracePeriodSeconds()).isEqualTo(45L);
    assertThat(snapshot.spec().volumeKinds())
        .containsExactly("emptyDir", "configMap", "persistentVolumeClaim", "projected");

    assertThat(snapshot.spec().initContainers())
        .extracting(ContainerSpec::name, ContainerSpec::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("migrate", ContainerKind.INIT),
            org.assertj.core.groups.Tuple.tuple("log-shipper", ContainerKind.SIDECAR));
    assertThat(snapshot.spec().initContainers().get(1).startupProbe().handler()).isEqualTo("grpc");
    // the API server writes a policy on every container (File by default); migrate asks for its log
    // tail
    assertThat(snapshot.spec().initContainers())
        .extracting(ContainerSpec::name, ContainerSpec::terminationMessagePolicy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("migrate", "FallbackToLogsOnError"),
            org.assertj.core.groups.Tuple.tuple("log-shipper", "File"));

    ContainerSpec app = snapshot.spec().containers().getFirst();
    assertThat(app.kind()).isEqualTo(ContainerKind.REGULAR);
    assertThat(app.image()).isEqualTo("registry.example.com/web:1.4.2");
    assertThat(app.livenessProbe()).isEqualTo(new Probe("httpGet", 10, 10, 1, 1, 3, null));
    assertThat(app.readinessProbe()).isEqualTo(new Probe("tcpSocket", null, 5, 1, 1, 3, null));
    assertThat(app.startupProbe()).isEqualTo(new Probe("exec", null, 2, 1, 1, 30, null));
    assertThat(app.postStart()).isEqualTo(new Hook("exec", "/bin/sh -c /app/warmup.sh"));
    assertThat(app.preStop()).isEqualTo(new Hook("sleep", "5"));
    assertThat(app.terminationMessagePolicy()).isEqualTo("File");

    // API server order: init statuses (in spec order), then regular ones.
    assertThat(snapshot.containers())
        .extracting(ContainerStatus::name, ContainerStatus::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("migrate", ContainerKind.INIT),
            org.assertj.core.groups.Tuple.tuple("log-shipper", ContainerKind.SIDECAR),
            org.assertj.core.groups.Tuple.tuple("app", ContainerKind.REGULAR));
    ContainerStatus migrate = snapshot.container("migrate").orElseThrow();
    assertThat(migrate.state())
        .isEqualTo(
            new ContainerState.Terminated(
                "Completed",
                0,
                null,
                Instant.parse("2026-11-25T16:10:03Z"),
                Instant.parse("2026-11-25T16:10:07Z"),
                null,
                "containerd://0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"));
    assertThat(migrate.started()).isFalse();
    ContainerStatus appStatus = snapshot.container("app").orElseThrow();
    assertThat(appStatus.state())
        .isEqualTo(new ContainerState.Running(Instant.parse("2026-11-25T16:10:10Z")));
    assertThat(appStatus.ready()).isTrue();
    assertThat(appStatus.started()).isTrue();
    assertThat(appStatus.lastTerminated()).isNull();
    assertThat(appStatus.imageID()).startsWith("registry.example.com/web@sha256:");
    assertThat(snapshot.conditions())
        .extracting(PodCondition::type)
        .containsExactly(
            "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled");
  }

  @Test
  void crashLoopingContainerKeepsItsOomKilledLastTermination() {
    PodSnapshot snapshot = PodSnapshots.of("prod", Fixtures.pod("crashloop-oomkilled"));

    assertThat(snapshot.pod().workload()).isEqualTo(new Workload("StatefulSet", "cache"));
    ContainerStatus redis = snapshot.container("redis").orElseThrow();
    assertThat(redis.state()).isInstanceOf(ContainerState.Waiting.class);
    assertThat(((ContainerState.Waiting) redis.state()).reason()).isEqualTo("CrashLoopBackOff");
    assertThat(redis.restartCount()).isEqualTo(4);
    assertThat(redis.ready()).isFalse();
    assertThat(redis.lastTerminated())
        .isEqualTo(
            new ContainerState.Terminated(
                "OOMKilled",
                137,
                9,
                Instant.parse("2026-11-25T15:52:01Z"),
                Instant.parse("2026-11-25T15:52:30Z"),
                null,
                "containerd://3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b"));
  }

  @Test
  void terminatingPodCarriesDeletionTimestampAndGrace() {
    PodSnapshot snapshot = PodSnapshots.of("prod", Fixtures.pod("terminating-job"));

    assertThat(snapshot.pod().workload()).isEqualTo(new Workload("Job", "nightly-report-29400960"));
    assertThat(snapshot.deletionTimestamp()).isEqualTo(Instant.parse("2026-11-25T16:20:30Z"));
    assertThat(snapshot.deletionGracePeriodSeconds()).isEqualTo(30L);
    assertThat(snapshot.phase()).isEqualTo("Failed");
    assertThat(snapshot.spec().containers().getFirst().preStop())
        .isEqualTo(new Hook("httpGet", "/drain"));
    ContainerState.Terminated report =
        (ContainerState.Terminated) snapshot.container("report").orElseThrow().state();
    assertThat(report.exitCode()).isEqualTo(143);
    assertThat(report.message()).isEqualTo("interrupted by SIGTERM");
  }

  @Test
  void readsMicrosecondAndOffsetTimestamps() {
    assertThat(Timestamps.parse("2026-11-25T16:00:00.412337Z"))
        .isEqualTo(Instant.parse("2026-11-25T16:00:00.412337Z"));
    assertThat(Timestamps.parse("2026-11-25T18:00:00+02:00"))
        .isEqualTo(Instant.parse("2026-11-25T16:00:00Z"));
    assertThat(Timestamps.parse("")).isNull();
    assertThat(Timestamps.parse((String) null)).isNull();
    assertThatThrownBy(() -> Timestamps.parse("yesterday"))
        .isInstanceOf(CollectorException.class)
        .hasMessageContaining("yesterday");
  }

  @Test
  void podWithoutUidIsRefusedWithItsName() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName("nameless")
            .endMetadata()
            .build();

    assertThatThrownBy(() -> PodSnapshots.of("prod", pod))
        .isInstanceOf(CollectorException.class)
        .hasMessageContaining("ns/nameless");
  }
}
