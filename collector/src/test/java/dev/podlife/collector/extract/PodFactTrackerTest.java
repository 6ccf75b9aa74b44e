package dev.podlife.collector.extract;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

import dev.podlife.events.ConditionChanged;
import dev.podlife.events.ContainerState;
import dev.podlife.events.ContainerStateChanged;
import dev.podlife.events.DeletionRequested;
import dev.podlife.events.EventObserved;
import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;
import dev.podlife.events.PhaseChanged;
import dev.podlife.events.PodDeleted;
import dev.podlife.events.PodObserved;
import dev.podlife.events.PodSnapshot;

import static org.assertj.core.api.Assertions.assertThat;

class PodFactTrackerTest {
  private static final Instant NOW = Instant.parse("2026-11-25T16:30:00Z");

  private final PodFactTracker tracker = new PodFactTracker("prod", WorkloadResolver.heuristic());

  @Test
  void podsOfOneTemplateShareOneSpecSummaryAndStillDiffAlone() {
    Pod first = Fixtures.pod("running-deployment");
    Pod second =
        new PodBuilder(first)
            .editMetadata()
            .withUid("6f0c1d2e-0000-4000-8000-000000000002")
            .withName(first.getMetadata().getName() + "-b")
            .endMetadata()
            .build();
    tracker.onPod(first, NOW);
    tracker.onPod(second, NOW);

    PodSnapshot a = tracker.get(first.getMetadata().getUid());
    PodSnapshot b = tracker.get(second.getMetadata().getUid());
    assertThat(b.spec()).isSameAs(a.spec());
    assertThat(b).isEqualTo(PodSnapshots.of("prod", second));
    // an unchanged pod still yields nothing, a changed one its own facts only
    assertThat(tracker.onPod(second, NOW)).isEmpty();
    Pod notReady = new PodBuilder(second).build();
    notReady.getMetadata().setResourceVersion(next(second.getMetadata().getResourceVersion()));
    notReady.getStatus().getContainerStatuses().get(0).setReady(false);
    assertThat(tracker.onPod(notReady, NOW))
        .extracting(Fact::type)
        .containsExactly("ContainerStateChanged");
    assertThat(tracker.get(first.getMetadata().getUid())).isSameAs(a);
  }

  private static String next(String resourceVersion) {
    return Long.toString(Long.parseLong(resourceVersion) + 1);
  }

  @Test
  void aStaticPodsEventsJoinItsMirrorPod() {
    Pod mirror = Fixtures.pod("static-kube-apiserver-mirror");
    tracker.onPod(mirror, NOW);

    // the kubelet names the static pod's UID (the config hash), not the mirror object's
    // metadata.uid
    EventObserved fact =
        EventFacts.of(
                "prod", Fixtures.event("static-kube-apiserver-unhealthy"), tracker::podRef, NOW)
            .orElseThrow();

    assertThat(fact.pod().uid()).isEqualTo("c0ffee00-1a2b-4c3d-8e9f-0a1b2c3d4e5f");
    assertThat(fact.pod().name()).isEqualTo("kube-apiserver-cp-1");
    assertThat(fact.event().message()).startsWith("Readiness probe failed: ");
  }

  @Test
  void aStaticPodsEventsStayUnderTheStaticUidOnceTheMirrorPodIsGone() {
    Pod mirror = Fixtures.pod("static-kube-apiserver-mirror");
    tracker.onPod(mirror, NOW);
    tracker.onPodDeleted(mirror, NOW.plusSeconds(60));

    EventObserved fact =
        EventFacts.of(
                "prod", Fixtures.event("static-kube-apiserver-unhealthy"), tracker::podRef, NOW)
            .orElseThrow();

    // a recreated mirror pod gets a new metadata.uid; until it is seen, nothing is joined to the
    // deleted one
    assertThat(fact.pod().uid()).isEqualTo("6b3f1e0d9c2a47b8a1e5f3c7d9b2e4a6");
  }

  @Test
  void aPodWithoutTheMirrorAnnotationJoinsOnlyItsOwnUid() {
    tracker.onPod(Fixtures.pod("running-deployment"), NOW);

    assertThat(tracker.podRef("6b3f1e0d9c2a47b8a1e5f3c7d9b2e4a6")).isNull();
    assertThat(PodFactTracker.staticPodUid(Fixtures.pod("running-deployment"))).isNull();
  }

  @Test
  void firstSightOfAPodYieldsItsWholeStateInReadingOrder() {
    List<Fact> facts = tracker.onPod(Fixtures.pod("running-deployment"), NOW);

    assertThat(facts)
        .extracting(Fact::type)
        .containsExactly(
            "PodObserved",
            "ConditionChanged",
            "ConditionChanged",
            "ConditionChanged",
            "ConditionChanged",
            "ConditionChanged",
            "ContainerStateChanged",
            "ContainerStateChanged",
            "ContainerStateChanged",
            "PhaseChanged");
    assertThat(facts).allSatisfy(f -> assertThat(f.resourceVersion()).isEqualTo("48377"));
    assertThat(facts).allSatisfy(f -> assertThat(f.observedAt()).isEqualTo(NOW));
    assertThat(facts.getFirst().at()).isEqualTo(Instant.parse("2026-11-25T16:10:00Z"));
    assertThat(((PhaseChanged) facts.getLast()).phase()).isEqualTo("Running");
  }

  @Test
  void anUnchangedPodYieldsNothing() {
    tracker.onPod(Fixtures.pod("running-deployment"), NOW);

    assertThat(tracker.onPod(Fixtures.pod("running-deployment"), NOW.plusSeconds(60))).isEmpty();
  }

  @Test
  void aContainerCrashYieldsOnlyTheChangedContainerAndConditions() {
    Pod running = Fixtures.pod("running-deployment");
    tracker.onPod(running, NOW);
    Pod crashed =
        new PodBuilder(running)
            .editMetadata()
            .withResourceVersion("48500")
            .endMetadata()
            .editStatus()
            .editMatchingContainerStatus(s -> s.getName().equals("app"))
            .withReady(false)
            .withRestartCount(1)
            .withState(
                new ContainerStateBuilder()
                    .withNewWaiting()
                    .withReason("CrashLoopBackOff")
                    .withMessage("back-off 10s restarting failed container=app")
                    .endWaiting()
                    .build())
            .withLastState(
                new ContainerStateBuilder()
                    .withNewTerminated()
                    .withExitCode(137)
                    .withReason("OOMKilled")
                    .withStartedAt("2026-11-25T16:10:10Z")
                    .withFinishedAt("2026-11-25T16:14:00Z")
                    .endTerminated()
                    .build())
            .endContainerStatus()
            .editMatchingCondition(c -> c.getType().equals("Ready"))
            .withStatus("False")
            .withReason("ContainersNotReady")
            .withLastTransitionTime("2026-11-25T16:14:01Z")
            .endCondition()
            .endStatus()
            .build();

    List<Fact> facts = tracker.onPod(crashed, NOW.plusSeconds(1));

    assertThat(facts).hasSize(2);
    ConditionChanged ready = (ConditionChanged) facts.get(0);
    assertThat(ready.condition().type()).isEqualTo("Ready");
    assertThat(ready.previousStatus()).isEqualTo("True");
    ContainerStateChanged app = (ContainerStateChanged) facts.get(1);
    assertThat(app.container().name()).isEqualTo("app");
    assertThat(app.container().state()).isInstanceOf(ContainerState.Waiting.class);
    assertThat(app.at()).isEqualTo(Instant.parse("2026-11-25T16:14:00Z"));
    assertThat(app.resourceVersion()).isEqualTo("48500");
  }

  @Test
  void anOlderResourceVersionThanKnownIsIgnored() {
    Pod pod = Fixtures.pod("crashloop-oomkilled");
    tracker.onPod(pod, NOW);
    Pod older =
        new PodBuilder(pod)
            .editMetadata()
            .withResourceVersion("50000")
            .endMetadata()
            .withNewStatus()
            .withPhase("Pending")
            .endStatus()
            .build();

    assertThat(tracker.onPod(older, NOW)).isEmpty();
    assertThat(tracker.known().get(pod.getMetadata().getUid()).resourceVersion())
        .isEqualTo("51022");
  }

  @Test
  void aWatchedDeleteEndsWithPodDeletedAfterTheFinalChanges() {
    Pod terminating = Fixtures.pod("terminating-job");
    List<Fact> first = tracker.onPod(terminating, NOW);
    assertThat(first).last().isInstanceOf(DeletionRequested.class);
    assertThat(((DeletionRequested) first.getLast()).requestedAt())
        .isEqualTo(Instant.parse("2026-11-25T16:20:00Z"));

    Pod gone =
        new PodBuilder(terminating)
            .editMetadata()
            .withResourceVersion("53001")
            .endMetadata()
            .build();
    List<Fact> facts = tracker.onPodDeleted(gone, NOW.plusSeconds(30));

    assertThat(facts).hasSize(1);
    PodDeleted deleted = (PodDeleted) facts.getFirst();
    assertThat(deleted.detectedOnRelist()).isFalse();
    assertThat(deleted.at()).isEqualTo(NOW.plusSeconds(30));
    assertThat(tracker.known()).isEmpty();
  }

  @Test
  void podsMissingAfterARelistAreDeletedOnRelist() {
    tracker.onPod(Fixtures.pod("running-deployment"), NOW);
    tracker.onPod(Fixtures.pod("crashloop-oomkilled"), NOW);

    List<Fact> facts =
        tracker.reconcile(Set.of("a1b2c3d4-e5f6-4789-9abc-def012345678"), NOW.plusSeconds(5));

    assertThat(facts)
        .singleElement()
        .isInstanceOfSatisfying(
            PodDeleted.class,
            d -> {
              assertThat(d.pod().name()).isEqualTo("cache-0");
              assertThat(d.detectedOnRelist()).isTrue();
              assertThat(d.resourceVersion()).isEqualTo("51022");
            });
    assertThat(tracker.known()).containsOnlyKeys("a1b2c3d4-e5f6-4789-9abc-def012345678");
  }

  @Test
  void restoredStateMakesAnUnchangedPodSilentAndAChangedOneEmitOnlyTheChange() {
    PodFactTracker before = new PodFactTracker("prod", WorkloadResolver.heuristic());
    before.onPod(Fixtures.pod("running-deployment"), NOW);
    before.onPod(Fixtures.pod("pending-unschedulable"), NOW);
    List<PodSnapshot> saved = List.copyOf(before.known().values());

    tracker.restore(saved);
    Pod scheduled =
        new PodBuilder(Fixtures.pod("pending-unschedulable"))
            .editMetadata()
            .withResourceVersion("49000")
            .endMetadata()
            .editSpec()
            .withNodeName("node-a")
            .withSchedulingGates()
            .endSpec()
            .build();

    assertThat(tracker.onPod(Fixtures.pod("running-deployment"), NOW.plusSeconds(60))).isEmpty();
    assertThat(tracker.onPod(scheduled, NOW.plusSeconds(60)))
        .singleElement()
        .isInstanceOfSatisfying(PodObserved.class, o -> assertThat(o.node()).isEqualTo("node-a"));
  }

  @Test
  void applyingTheFactsRebuildsTheSnapshotTheCollectorKeeps() {
    for (String fixture :
        List.of(
            "pending-unschedulable",
            "running-deployment",
            "crashloop-oomkilled",
            "terminating-job")) {
      Pod pod = Fixtures.pod(fixture);
      List<Fact> facts = tracker.onPod(pod, NOW);
      PodSnapshot rebuilt = PodSnapshot.unknown(facts.getFirst().pod());
      for (Fact fact : facts) {
        rebuilt = rebuilt.apply(FactSerde.fromBytes(FactSerde.toBytes(fact)));
      }

      PodSnapshot kept = tracker.known().get(pod.getMetadata().getUid());
      assertThat(rebuilt).as(fixture).isEqualTo(kept);
      assertThat(FactSerde.snapshotFromBytes(FactSerde.snapshotToBytes(kept)))
          .as(fixture)
          .isEqualTo(kept);
    }
  }

  @Test
  void aPodReportedDeletedStaysDeletedWhenANotificationArrivesLate() {
    Pod pod = Fixtures.pod("crashloop-oomkilled");
    tracker.onPod(pod, NOW);
    assertThat(tracker.reconcile(Set.of(), NOW)).hasSize(1);

    assertThat(tracker.onPodDeleted(pod, NOW)).isEmpty();
    assertThat(tracker.onPod(pod, NOW)).isEmpty();
    assertThat(tracker.known()).isEmpty();
  }

  @Test
  void aDeleteNoticedOnlyByTheInformersRelistIsMarkedDetectedOnRelist() {
    Pod pod = Fixtures.pod("running-deployment");
    tracker.onPod(pod, NOW);

    List<Fact> facts = tracker.onPodDeleted(pod, true, NOW.plusSeconds(90));

    assertThat(facts)
        .singleElement()
        .isInstanceOfSatisfying(PodDeleted.class, d -> assertThat(d.detectedOnRelist()).isTrue());
  }

  @Test
  void aPodCreatedAndDeletedBetweenObservationsGetsItsWholeStoryThenPodDeleted() {
    List<Fact> facts = tracker.onPodDeleted(Fixtures.pod("crashloop-oomkilled"), NOW);

    assertThat(facts).first().isInstanceOf(PodObserved.class);
    assertThat(facts).last().isInstanceOf(PodDeleted.class);
  }
}
