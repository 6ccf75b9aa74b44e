package dev.podlife.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FactContractTest {
  static final Instant T0 = Instant.parse("2026-11-25T03:12:00Z");
  static final PodRef POD =
      new PodRef(
          "prod",
          "7f0c-uid",
          "shop",
          "checkout-5d9f-abcde",
          new Workload("Deployment", "checkout"));
  static final PodSpecSummary SPEC =
      new PodSpecSummary(
          List.of(
              new ContainerSpec(
                  "init-db",
                  ContainerKind.INIT,
                  "busybox",
                  null,
                  null,
                  null,
                  null,
                  null,
                  "FallbackToLogsOnError")),
          List.of(
              new ContainerSpec(
                  "app",
                  ContainerKind.REGULAR,
                  "shop/checkout:1.4",
                  new Probe("httpGet", 5, 10, 1, 1, 3, null),
                  new Probe("httpGet", 0, 5, 1, 1, 3, null),
                  null,
                  new Hook("exec", "sh -c warmup"),
                  new Hook("sleep", "5"),
                  "File")),
          30L,
          "Always",
          List.of("configMap", "projected"),
          new OwnerRef("ReplicaSet", "checkout-5d9f", "rs-uid"),
          List.of(),
          null);

  static PodSnapshot pending() {
    return new PodSnapshot(
        POD,
        "100",
        T0,
        null,
        SPEC,
        Map.of("app", "checkout"),
        "Pending",
        null,
        null,
        List.of(
            new PodCondition(
                "PodScheduled", "False", "Unschedulable", "0/3 nodes are available", T0)),
        List.of(),
        null,
        null,
        null);
  }

  static PodSnapshot running() {
    return new PodSnapshot(
        POD,
        "140",
        T0,
        "node-a",
        SPEC,
        Map.of("app", "checkout"),
        "Running",
        null,
        null,
        List.of(
            new PodCondition("PodScheduled", "True", null, null, T0.plusSeconds(2)),
            new PodCondition("Initialized", "True", null, null, T0.plusSeconds(5)),
            new PodCondition("Ready", "True", null, null, T0.plusSeconds(9))),
        List.of(
            new ContainerStatus(
                "init-db",
                ContainerKind.INIT,
                new ContainerState.Terminated(
                    "Completed", 0, null, T0.plusSeconds(3), T0.plusSeconds(5), null, "c://1"),
                null,
                false,
                false,
                0,
                "busybox",
                "sha256:1",
                "c://1"),
            new ContainerStatus(
                "app",
                ContainerKind.REGULAR,
                new ContainerState.Running(T0.plusSeconds(6)),
                null,
                true,
                true,
                0,
                "shop/checkout:1.4",
                "sha256:2",
                "c://2")),
        null,
        null,
        null);
  }

  static PodSnapshot terminating() {
    Instant deletion = T0.plusSeconds(60);
    return new PodSnapshot(
        POD,
        "170",
        T0,
        "node-a",
        SPEC,
        Map.of("app", "checkout"),
        "Running",
        null,
        null,
        running().conditions(),
        running().containers(),
        deletion,
        30L,
        null);
  }

  static PodSnapshot replay(PodSnapshot from, List<Fact> facts) {
    PodSnapshot state = from == null ? PodSnapshot.unknown(POD) : from;
    for (Fact fact : facts) {
      state = state.apply(fact);
    }
    return state;
  }

  @Test
  void applyingTheDiffRebuildsTheCurrentSnapshot() {
    List<PodSnapshot> life = List.of(pending(), running(), terminating());
    PodSnapshot previous = null;
    PodSnapshot rebuilt = null;
    for (PodSnapshot current : life) {
      List<Fact> facts = FactDiff.between(previous, current, T0.plusSeconds(100));
      rebuilt = replay(rebuilt, facts);
      assertThat(rebuilt).isEqualTo(current);
      previous = current;
    }
  }

  @Test
  void anUnchangedSnapshotYieldsNoFacts() {
    assertThat(FactDiff.between(running(), running(), T0)).isEmpty();
  }

  @Test
  void factsAreTimedByWhatTheObjectRecords() {
    List<Fact> facts = FactDiff.between(pending(), running(), T0.plusSeconds(100));
    assertThat(facts)
        .filteredOn(f -> f instanceof ContainerStateChanged c && c.container().name().equals("app"))
        .singleElement()
        .extracting(Fact::at)
        .isEqualTo(T0.plusSeconds(6));
    assertThat(facts)
        .filteredOn(f -> f instanceof ConditionChanged c && c.subject().equals("Ready"))
        .singleElement()
        .extracting(Fact::at)
        .isEqualTo(T0.plusSeconds(9));
    DeletionRequested deletion =
        (DeletionRequested)
            FactDiff.between(running(), terminating(), null).stream()
                .filter(f -> f instanceof DeletionRequested)
                .findFirst()
                .orElseThrow();
    assertThat(deletion.at())
        .as("request time = deletionTimestamp - grace")
        .isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void everyFactSurvivesTheWireFormat() {
    List<Fact> facts = new java.util.ArrayList<>(FactDiff.between(null, running(), T0));
    facts.add(FactDiff.deleted(terminating(), T0.plusSeconds(61), true));
    facts.add(
        new EventObserved(
            POD,
            "9001",
            T0,
            T0,
            new KubeEvent(
                "ev-1",
                "checkout.17a",
                "Unhealthy",
                "Warning",
                "Liveness probe failed: HTTP probe failed with statuscode: 500",
                4,
                T0,
                T0.plusSeconds(30),
                null,
                null,
                null,
                "kubelet",
                "node-a",
                "kubelet",
                "node-a",
                "spec.containers{app}",
                null)));
    for (Fact fact : facts) {
      String json = FactSerde.toJson(fact);
      assertThat(json)
          .contains("\"type\":\"" + fact.type() + "\"")
          .contains("\"v\":1")
          .doesNotContain("\"true\"");
      assertThat(FactSerde.fromBytes(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(fact);
    }
  }

  @Test
  void aContainerSpecStoredBeforeTerminationMessagePolicyReadsWithAnUnknownPolicy() {
    ContainerSpec old =
        FactSerde.mapper()
            .readValue(
                "{\"name\":\"app\",\"kind\":\"REGULAR\",\"image\":\"nginx:1.27\"}",
                ContainerSpec.class);
    assertThat(old)
        .isEqualTo(
            new ContainerSpec(
                "app", ContainerKind.REGULAR, "nginx:1.27", null, null, null, null, null, null));

    Fact observed = FactDiff.between(null, running(), T0).getFirst();
    String json = FactSerde.toJson(observed);
    assertThat(json).contains("\"terminationMessagePolicy\":\"File\"");
    String stored = json.replaceAll(",\"terminationMessagePolicy\":\"[A-Za-z]+\"", "");
    assertThat(stored).doesNotContain("terminationMessagePolicy");
    PodObserved read = (PodObserved) FactSerde.fromBytes(stored.getBytes(StandardCharsets.UTF_8));
    assertThat(read.spec().containers())
        .extracting(ContainerSpec::terminationMessagePolicy)
        .containsOnlyNulls();
    assertThat(read.spec().initContainers())
        .extracting(ContainerSpec::terminationMessagePolicy)
        .containsOnlyNulls();
    assertThat(read.spec().containers().getFirst().readinessProbe())
        .isEqualTo(SPEC.containers().getFirst().readinessProbe());
  }

  @Test
  void naturalKeyIgnoresObservationTime() {
    Fact first = FactDiff.between(null, running(), T0).getFirst();
    Fact again = FactDiff.between(null, running(), T0.plusSeconds(3600)).getFirst();
    assertThat(again.naturalKey()).isEqualTo(first.naturalKey());
  }

  @Test
  void unreadableRecordsAreRefusedWithAReason() {
    assertThatThrownBy(() -> FactSerde.fromJson("{not json"))
        .isInstanceOf(UnreadableFactException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> FactSerde.fromJson("{\"type\":\"Bogus\",\"v\":1}"))
        .isInstanceOf(UnreadableFactException.class)
        .hasMessageContaining("Bogus");
    assertThatThrownBy(() -> FactSerde.fromJson("{\"type\":\"PodDeleted\",\"v\":2}"))
        .isInstanceOf(UnreadableFactException.class)
        .hasMessageContaining("newer");
    assertThatThrownBy(() -> FactSerde.fromJson("{\"type\":\"PodDeleted\",\"v\":1}"))
        .isInstanceOf(UnreadableFactException.class);
  }

  @Test
  void aggregatedEventCountsEveryOccurrence() {
    KubeEvent legacy =
        new KubeEvent(
            "u",
            "n",
            "BackOff",
            "Warning",
            "Back-off",
            12,
            T0,
            T0.plusSeconds(300),
            null,
            null,
            null,
            null,
            null,
            "kubelet",
            null,
            "spec.containers{app}",
            null);
    KubeEvent series =
        new KubeEvent(
            "u",
            "n",
            "BackOff",
            "Warning",
            "Back-off",
            0,
            null,
            null,
            T0,
            7,
            T0.plusSeconds(90),
            "kubelet",
            "node-a",
            null,
            null,
            "spec.initContainers{init-db}",
            null);
    assertThat(legacy.occurrences()).isEqualTo(12);
    assertThat(legacy.containerName()).isEqualTo("app");
    assertThat(series.occurrences()).isEqualTo(7);
    assertThat(series.lastOccurredAt()).isEqualTo(T0.plusSeconds(90));
    assertThat(series.containerName()).isEqualTo("init-db");
  }

  @Test
  void containersAreKeptInTheKubeletsOrderWhateverTheSource() {
    ContainerStatus zeta =
        new ContainerStatus(
            "zeta", ContainerKind.REGULAR, null, null, false, null, 0, null, null, null);
    ContainerStatus app =
        new ContainerStatus(
            "app", ContainerKind.REGULAR, null, null, false, null, 0, null, null, null);
    ContainerStatus init =
        new ContainerStatus(
            "init-db", ContainerKind.INIT, null, null, false, null, 0, null, null, null);
    PodSnapshot snapshot =
        new PodSnapshot(
            POD,
            "1",
            T0,
            null,
            SPEC,
            null,
            "Pending",
            null,
            null,
            null,
            List.of(zeta, app, init),
            null,
            null,
            null);

    assertThat(snapshot.containers())
        .extracting(ContainerStatus::name)
        .containsExactly("init-db", "app", "zeta");
    assertThat(replay(null, FactDiff.between(null, snapshot, null))).isEqualTo(snapshot);
  }

  @Test
  void aConditionTheKubeletRemovesIsAFactAndReplayRemovesItToo() {
    // an in-place resize: PodResizeInProgress appears while the kubelet resizes, and is gone when
    // it is done
    PodSnapshot before = running();
    PodCondition resizing =
        new PodCondition("PodResizeInProgress", "True", null, null, T0.plusSeconds(30));
    List<PodCondition> withResize = new java.util.ArrayList<>(before.conditions());
    withResize.add(resizing);
    PodSnapshot during =
        new PodSnapshot(
            POD,
            "150",
            T0,
            "node-a",
            SPEC,
            before.labels(),
            "Running",
            null,
            null,
            withResize,
            before.containers(),
            null,
            null,
            null);
    PodSnapshot after =
        new PodSnapshot(
            POD,
            "160",
            T0,
            "node-a",
            SPEC,
            before.labels(),
            "Running",
            null,
            null,
            before.conditions(),
            before.containers(),
            null,
            null,
            null);

    List<Fact> done = FactDiff.between(during, after, T0.plusSeconds(41));

    assertThat(done)
        .singleElement()
        .isInstanceOfSatisfying(
            ConditionRemoved.class,
            removed -> {
              assertThat(removed.last()).isEqualTo(resizing);
              assertThat(removed.subject()).isEqualTo("PodResizeInProgress");
              assertThat(removed.naturalKey().type()).isEqualTo("ConditionRemoved");
            });
    assertThat(replay(during, done)).isEqualTo(after);
    assertThat(
            FactSerde.fromBytes(FactSerde.toJson(done.getFirst()).getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(done.getFirst());
  }
}
