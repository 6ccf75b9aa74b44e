package dev.podlife.analyzer.shutdown;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.podlife.events.ConditionChanged;
import dev.podlife.events.ContainerKind;
import dev.podlife.events.ContainerState;
import dev.podlife.events.ContainerStatus;
import dev.podlife.events.DeletionRequested;
import dev.podlife.events.PodCondition;
import dev.podlife.events.PodDeleted;
import dev.podlife.events.PodRef;
import dev.podlife.events.PodSnapshot;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-pod state machine on its own: relists, late evidence, repeated deletes. */
class PodShutdownTest {
  private static final PodRef POD = new PodRef("test", "uid-1", "shop", "web-1", null);
  private static final Instant REQUESTED = Instant.parse("2026-11-25T03:01:00Z");

  private static PodSnapshot running(PodCondition... conditions) {
    ContainerStatus app =
        new ContainerStatus(
            "app",
            ContainerKind.REGULAR,
            new ContainerState.Running(Instant.parse("2026-11-25T03:00:03Z")),
            null,
            true,
            true,
            0,
            "app:1",
            null,
            null);
    return new PodSnapshot(
        POD,
        "10",
        Instant.parse("2026-11-25T03:00:00Z"),
        "node-a",
        null,
        null,
        "Running",
        null,
        null,
        List.of(conditions),
        List.of(app),
        REQUESTED.plusSeconds(30),
        30L,
        null);
  }

  private static DeletionRequested deletion(Instant deletionTimestamp, long grace) {
    return new DeletionRequested(
        POD,
        "11",
        DeletionRequested.requestedAt(deletionTimestamp, grace),
        null,
        deletionTimestamp,
        grace);
  }

  private static PodShutdown begun() {
    return PodShutdown.begin(deletion(REQUESTED.plusSeconds(30), 30), running());
  }

  @Test
  void aDeleteFoundOnARelistHasNoPodGoneTimeButLeavesRunningContainersUnknown() {
    Instant relisted = Instant.parse("2026-11-25T04:00:00Z");
    PodShutdown gone =
        begun().apply(new PodDeleted(POD, "11", relisted, relisted, true), running());
    assertThat(gone.gone()).isTrue();
    assertThat(gone.podGone()).isNull();
    assertThat(gone.outcome(gone.containers().get("app"))).isEqualTo(ShutdownOutcome.UNKNOWN);
  }

  @Test
  void aWatchedDeleteIsTimedByTheCollectorsClock() {
    Instant observed = REQUESTED.plusMillis(4_200);
    PodShutdown gone =
        begun().apply(new PodDeleted(POD, "12", observed, observed, false), running());
    assertThat(gone.podGone()).isEqualTo(Duration.ofMillis(4_200));
  }

  @Test
  void aDisruptionTargetArrivingAfterTheDeletionRefinesThePlainApiDeletion() {
    PodCondition preempted =
        new PodCondition(
            "DisruptionTarget", "True", "PreemptionByScheduler", "preempted", REQUESTED);
    PodShutdown shutdown = begun();
    assertThat(shutdown.cause()).isEqualTo(ShutdownCause.API_DELETION);
    ConditionChanged condition = new ConditionChanged(POD, "12", REQUESTED, null, preempted, null);
    assertThat(shutdown.apply(condition, running(preempted)).cause())
        .isEqualTo(ShutdownCause.PREEMPTION);
  }

  @Test
  void aSecondDeleteKeepsTheFirstRequestAndTakesTheShorterGrace() {
    PodShutdown shortened = begun().apply(deletion(REQUESTED.plusSeconds(15), 5), running());
    assertThat(shortened.deletionRequestedAt()).isEqualTo(REQUESTED);
    assertThat(shortened.gracePeriodSeconds()).isEqualTo(5L);
    assertThat(shortened.deletionTimestamp()).isEqualTo(REQUESTED.plusSeconds(15));
  }

  @Test
  void nothingChangesOnceThePodIsGone() {
    PodShutdown gone =
        begun().apply(new PodDeleted(POD, "12", REQUESTED.plusSeconds(3), null, false), running());
    assertThat(gone.apply(deletion(REQUESTED.plusSeconds(5), 1), running())).isEqualTo(gone);
  }
}
