package dev.podlife.analyzer.probes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
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
import static org.assertj.core.api.Assertions.tuple;

/**
 * The stored {@code probe_restart.cause} from pod and Event objects as the API server writes them
 * (the shared {@code probes/} resources), whichever of the Killing Event and the pod's facts is
 * stored first.
 *
 * <p>The container {@code app} runs from 10:00:05 until 10:03:02 (exit Error), is restarted at
 * 10:03:03, and is later seen with restartCount 4 after an OOMKilled run: restarts 2 and 3 were
 * never observed. The kubelet's Killing Event {@code Container app failed liveness probe} is at
 * 10:03:00.
 */
@ExtendWith(PostgresExtension.class)
class RestartCauseIT {
  private static final String CLUSTER = "test";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final List<String> UNTIL_FIRST_RESTART =
      List.of(
          "1-running-not-ready",
          "2-ready",
          "3-readiness-lost",
          "4-ready-again",
          "5-restarted-after-liveness-kill");
  private static final List<String> LIFE = concat(UNTIL_FIRST_RESTART, "6-restart-count-jumped");

  private final StoreUnderTest tables;

  RestartCauseIT(TestDatabase db) {
    this.tables = new StoreUnderTest(db, Instant.parse("2026-11-20T12:00:00Z"));
  }

  @BeforeEach
  void emptyTables() {
    tables.empty();
  }

  @Test
  void aLivenessKillStoredBeforeTheRestartMakesItALivenessRestart() {
    tables.append(List.of(kill("liveness", "2026-11-20T10:03:00Z")));
    tables.append(podFacts(UNTIL_FIRST_RESTART));

    assertThat(causes()).containsExactly(Map.entry(1, "liveness"));
  }

  @Test
  void aLivenessKillStoredAfterTheRestartMakesItALivenessRestart() {
    tables.append(podFacts(UNTIL_FIRST_RESTART));
    assertThat(causes()).as("before the Event").containsExactly(Map.entry(1, "termination"));

    tables.append(List.of(kill("liveness", "2026-11-20T10:03:00Z")));

    assertThat(causes()).containsExactly(Map.entry(1, "liveness"));
  }

  @Test
  void aStartupProbeKillMakesAStartupRestartAndALivenessKillWinsOverIt() {
    tables.append(podFacts(UNTIL_FIRST_RESTART));
    tables.append(List.of(kill("startup", "2026-11-20T10:02:59Z")));
    assertThat(causes()).containsExactly(Map.entry(1, "startup"));

    tables.append(List.of(kill("liveness", "2026-11-20T10:03:00Z")));
    assertThat(causes()).containsExactly(Map.entry(1, "liveness"));
  }

  @Test
  void aKillOutsideTheRunDoesNotExplainTheRestartInEitherOrder() {
    // 10:03:08 is more than 5 s after the run ended at 10:03:02; 10:00:04 is before it started at
    // 10:00:05
    List<Fact> kills =
        List.of(kill("liveness", "2026-11-20T10:03:08Z"), kill("liveness", "2026-11-20T10:00:04Z"));
    tables.append(kills);
    tables.append(podFacts(UNTIL_FIRST_RESTART));
    assertThat(causes()).containsExactly(Map.entry(1, "termination"));

    tables.empty();
    tables.append(podFacts(UNTIL_FIRST_RESTART));
    tables.append(kills);
    assertThat(causes()).containsExactly(Map.entry(1, "termination"));
  }

  @Test
  void aKillUpToFiveSecondsAfterTheRunEndedStillExplainsIt() {
    tables.append(podFacts(UNTIL_FIRST_RESTART));
    tables.append(List.of(kill("liveness", "2026-11-20T10:03:07Z")));

    assertThat(causes()).containsExactly(Map.entry(1, "liveness"));
  }

  @Test
  void aRestartCountJumpStoresUnobservedRestartsAndTheLastTerminationByItsReason() {
    tables.append(podFacts(LIFE));
    tables.append(List.of(kill("liveness", "2026-11-20T10:03:00Z")));

    assertThat(causes())
        .containsExactly(
            Map.entry(1, "liveness"),
            Map.entry(2, "unobserved"),
            Map.entry(3, "unobserved"),
            Map.entry(4, "termination"));
    assertThat(tables.rows("SELECT reason FROM probe_restart WHERE restart_number = 4"))
        .containsExactly(Map.of("reason", "OOMKilled"));
  }

  @Test
  void aRebuildAndAReplayInTheOtherOrderStoreTheSameCauses() {
    Fact kill = kill("liveness", "2026-11-20T10:03:00Z");
    tables.append(podFacts(LIFE));
    tables.append(List.of(kill));
    String query = "SELECT * FROM probe_restart ORDER BY restart_number";
    List<Map<String, Object>> stored = tables.rows(query);
    assertThat(stored)
        .extracting(r -> r.get("cause"))
        .containsExactly("liveness", "unobserved", "unobserved", "termination");

    tables.store().rebuildProjections();
    assertThat(tables.rows(query)).as("after a rebuild").isEqualTo(stored);

    tables.empty();
    tables.append(List.of(kill));
    tables.append(podFacts(LIFE));
    assertThat(withoutFactIds(tables.rows(query)))
        .as("the Event first")
        .isEqualTo(withoutFactIds(stored));
  }

  @Test
  void theRestartsReadModelGivesEachRestartWithItsStoredCause() {
    tables.append(podFacts(LIFE));
    tables.append(List.of(kill("liveness", "2026-11-20T10:03:00Z")));
    Instant from = Instant.parse("2026-11-20T10:00:00Z");
    Instant to = Instant.parse("2026-11-20T11:00:00Z");

    List<ProbeRestarts.Restart> all =
        tables.jdbi().withHandle(h -> new ProbeRestarts(h).between(from, to));
    List<ProbeRestarts.Restart> probeKills =
        tables
            .jdbi()
            .withHandle(h -> new ProbeRestarts(h).between(from, to, RestartCause.PROBE_KILLS));

    assertThat(all)
        .extracting(ProbeRestarts.Restart::restartNumber, ProbeRestarts.Restart::cause)
        .containsExactlyInAnyOrder(
            tuple(1, RestartCause.LIVENESS),
            tuple(2, RestartCause.UNOBSERVED),
            tuple(3, RestartCause.UNOBSERVED),
            tuple(4, RestartCause.TERMINATION));
    assertThat(probeKills)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.container()).isEqualTo("app");
              assertThat(r.at()).isEqualTo(Instant.parse("2026-11-20T10:03:02Z"));
            });
  }

  /** restart number → stored cause, in restart order. */
  private List<Map.Entry<Integer, String>> causes() {
    return tables
        .rows("SELECT restart_number, cause FROM probe_restart ORDER BY restart_number")
        .stream()
        .map(r -> Map.entry((Integer) r.get("restart_number"), (String) r.get("cause")))
        .toList();
  }

  /** A replay stores the facts under new ids; everything else must be the same. */
  private static List<Map<String, Object>> withoutFactIds(List<Map<String, Object>> rows) {
    return rows.stream()
        .map(
            r -> {
              Map<String, Object> copy = new LinkedHashMap<>(r);
              copy.remove("fact_id");
              return copy;
            })
        .toList();
  }

  private static List<Fact> podFacts(List<String> steps) {
    List<Fact> facts = new ArrayList<>();
    PodSnapshot previous = null;
    for (String step : steps) {
      PodSnapshot current =
          PodSnapshots.of(
              CLUSTER,
              SERIALIZATION.unmarshal(
                  KubeJson.resource("probes/pod-" + step + ".json"), Pod.class));
      facts.addAll(FactDiff.between(previous, current, null));
      previous = current;
    }
    return facts;
  }

  /**
   * The kubelet's Killing Event for a failed {@code probe} ("liveness" or "startup") of {@code app}
   * at {@code at}.
   */
  private static Fact kill(String probe, String at) {
    Event recorded =
        SERIALIZATION.unmarshal(
            KubeJson.resource("probes/event-killing-liveness.json"), Event.class);
    Event event =
        new EventBuilder(recorded)
            .editMetadata()
            .withUid(recorded.getMetadata().getUid() + "-" + probe + "-" + at)
            .withName(recorded.getMetadata().getName() + "-" + probe + "-" + at.replace(":", ""))
            .endMetadata()
            .withMessage("Container app failed " + probe + " probe, will be restarted")
            .withFirstTimestamp(at)
            .withLastTimestamp(at)
            .build();
    return EventFacts.of(CLUSTER, event, uid -> null, null).orElseThrow();
  }

  private static List<String> concat(List<String> steps, String last) {
    List<String> all = new ArrayList<>(steps);
    all.add(last);
    return List.copyOf(all);
  }
}
