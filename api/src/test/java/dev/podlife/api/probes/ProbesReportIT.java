package dev.podlife.api.probes;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.podlife.analyzer.probes.ProbeFilter;
import dev.podlife.analyzer.probes.ProbesReport;
import dev.podlife.analyzer.store.FactStore;
import dev.podlife.analyzer.store.SourcedFact;
import dev.podlife.api.ApiServer;
import dev.podlife.api.ApiTestSupport;
import dev.podlife.api.Http;
import dev.podlife.collector.extract.EventFacts;
import dev.podlife.collector.extract.PodSnapshots;
import dev.podlife.events.Fact;
import dev.podlife.events.FactDiff;
import dev.podlife.events.PodSnapshot;
import dev.podlife.testing.KubeJson;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probes report from pod and Event objects as the API server writes them (test resources under
 * {@code probes/}), through the collector's extraction and the analyzer's store, read back in SQL.
 *
 * <p>The pod's container {@code app} lives through: running not ready (10:00:05), ready (10:00:20),
 * readiness lost (10:01:00), ready again (10:02:00), killed by its liveness probe and restarted
 * (ended 10:03:02, restarted 10:03:03, not ready until the next version), then seen with
 * restartCount 4 after an OOMKilled run (10:05:00), running from 10:05:30, Ready at 10:05:40.
 */
@ExtendWith(PostgresExtension.class)
class ProbesReportIT {
  private static final String CLUSTER = "test";
  private static final String UID = "5b1e0c7a-3d2f-4e8a-9c61-7a2b4c6d8e01";
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final List<String> LIFE =
      List.of(
          "1-running-not-ready",
          "2-ready",
          "3-readiness-lost",
          "4-ready-again",
          "5-restarted-after-liveness-kill",
          "6-restart-count-jumped");
  private static final List<String> ALL_EVENTS =
      List.of(
          "readiness-count-1",
          "readiness-count-7",
          "liveness-seen-once-at-7",
          "killing-liveness",
          "readiness-combined",
          "startup-series",
          "probe-warning");

  private final TestDatabase db;
  private final FactStore store;
  private final ProbesReport report;

  ProbesReportIT(TestDatabase db) {
    this.db = db;
    this.store = new FactStore(db.jdbi(), Clock.fixed(NOW, ZoneOffset.UTC));
    this.report = new ProbesReport(db.jdbi());
  }

  @BeforeEach
  void emptyTables() {
    db.truncateAll();
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

  private static Fact event(String name) {
    Event event =
        SERIALIZATION.unmarshal(KubeJson.resource("probes/event-" + name + ".json"), Event.class);
    return EventFacts.of(CLUSTER, event, uid -> null, null).orElseThrow();
  }

  private void append(List<Fact> facts) {
    store.append(facts.stream().map(SourcedFact::offline).toList());
  }

  private void appendEvents(String... names) {
    for (String name : names) {
      append(List.of(event(name))); // one batch each, as the Event updates would arrive
    }
  }

  private static ProbeFilter everything() {
    return new ProbeFilter(null, null, null, null, null, null, null, NOW);
  }

  private ProbesReport.Container app() {
    return app(everything());
  }

  private ProbesReport.Container app(ProbeFilter filter) {
    List<ProbesReport.Container> containers = report.containers(filter);
    assertThat(containers).extracting(ProbesReport.Container::container).containsExactly("app");
    return containers.getFirst();
  }

  @Test
  void countsEveryIncrementOfOneEventOnce() {
    append(podFacts(LIFE.subList(0, 1)));
    appendEvents("readiness-count-1");
    assertThat(app().readinessFailures()).isEqualTo(1);
    appendEvents("readiness-count-7");
    assertThat(app().readinessFailures()).as("count 1 then 7 is 7 failures").isEqualTo(7);
  }

  @Test
  void anEventSeenOnlyOnceAtCountNCountsN() {
    appendEvents("liveness-seen-once-at-7");
    assertThat(app().livenessFailures()).isEqualTo(7);
    assertThat(app().readinessFailures()).isZero();
  }

  @Test
  void messagesCombinedFromSimilarEventsCount() {
    appendEvents("readiness-combined");
    assertThat(app().readinessFailures()).isEqualTo(3);
  }

  @Test
  void eventsWithASeriesCountTheSeries() {
    appendEvents("startup-series");
    assertThat(app().startupFailures()).isEqualTo(2);
  }

  @Test
  void aRelistDoesNotCountAgain() {
    appendEvents("readiness-count-1", "readiness-count-7");
    // the same versions re-delivered, then the same Event at a new resourceVersion with the same
    // count
    appendEvents("readiness-count-1", "readiness-count-7", "readiness-count-7-relisted");
    append(List.of(event("readiness-count-1"), event("readiness-count-7-relisted")));
    assertThat(app().readinessFailures()).isEqualTo(7);
  }

  @Test
  void probeWarningsAreNotFailures() {
    append(podFacts(LIFE.subList(0, 1)));
    appendEvents("probe-warning");
    ProbesReport.Container app = app();
    assertThat(List.of(app.livenessFailures(), app.readinessFailures(), app.startupFailures()))
        .containsOnly(0L);
  }

  @Test
  void aRestartAfterALivenessKillIsALivenessRestartWhicheverArrivesFirst() {
    append(podFacts(LIFE.subList(0, 5)));
    appendEvents("killing-liveness");
    ProbesReport.Container afterPods = app();
    assertThat(afterPods.restarts()).isEqualTo(1);
    assertThat(afterPods.livenessRestarts()).isEqualTo(1);
    assertThat(afterPods.restartsByReason()).isEmpty();

    db.truncateAll();
    appendEvents("killing-liveness");
    append(podFacts(LIFE.subList(0, 5)));
    assertThat(app()).isEqualTo(afterPods);
  }

  @Test
  void withoutAKillEventTheRestartCountsByItsTerminationReason() {
    append(podFacts(LIFE.subList(0, 5)));
    ProbesReport.Container app = app();
    assertThat(app.restarts()).isEqualTo(1);
    assertThat(app.livenessRestarts()).isZero();
    assertThat(app.restartsByReason()).containsExactly(Map.entry("Error", 1L));
  }

  @Test
  void aRestartCountJumpRecordsTheMissingRestartsAsUnobserved() {
    append(podFacts(LIFE));
    appendEvents("killing-liveness");
    ProbesReport.Container app = app();
    assertThat(app.restarts()).as("restartCount").isEqualTo(4);
    assertThat(app.livenessRestarts()).isEqualTo(1);
    assertThat(app.unobservedRestarts()).isEqualTo(2);
    assertThat(app.restartsByReason()).containsExactly(Map.entry("OOMKilled", 1L));
    assertThat(
            app.livenessRestarts()
                + app.startupProbeRestarts()
                + app.unobservedRestarts()
                + app.restartsByReason().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(app.restarts());
  }

  @Test
  void anExitSeenBeforeTheRestartExplainsItOnce() {
    // a crash loop as the status shows it step by step: exited, back-off (lastState), running again
    // (restartCount 1)
    append(
        podFacts(
            List.of(
                "1-running-not-ready",
                "2-ready",
                "crash-1-exited",
                "crash-2-back-off",
                "crash-3-running-again")));
    ProbesReport.Container app = app();
    assertThat(app.restarts()).isEqualTo(1);
    assertThat(app.unobservedRestarts()).isZero();
    assertThat(app.restartsByReason()).containsExactly(Map.entry("Error", 1L));
    assertThat(app.readinessFlaps()).as("the container stopped: no readiness flap").isZero();
    assertThat(report.summary(everything()).podReadyFlaps())
        .as("the Running pod lost Ready")
        .isEqualTo(1);
  }

  @Test
  void aPodFirstSeenWithRestartsCountsThemAll() {
    append(podFacts(LIFE.subList(5, 6)));
    ProbesReport.Container app = app();
    assertThat(app.restarts()).isEqualTo(4);
    assertThat(app.unobservedRestarts()).isEqualTo(3);
    assertThat(app.restartsByReason()).containsExactly(Map.entry("OOMKilled", 1L));
  }

  @Test
  void readinessFlapsAndTimeNotReadyWhileRunning() {
    append(podFacts(LIFE));
    ProbesReport.Container app = app();
    assertThat(app.readinessFlaps()).isEqualTo(2);
    // 10:00:05–10:00:20, 10:01:00–10:02:00, 10:03:03–10:05:30
    assertThat(app.notReadySeconds()).isEqualTo(15 + 60 + 147);
    ProbesReport.Group summary = report.summary(everything());
    assertThat(summary.podReadyFlaps()).isEqualTo(2);
    assertThat(summary.containersReadyFlaps()).isEqualTo(2);
    // the pod's Ready condition: 10:00:05–10:00:20, 10:01:00–10:02:00, 10:03:02–10:05:40
    assertThat(summary.podNotReadySeconds()).isEqualTo(15 + 60 + 158);
  }

  @Test
  void anIntervalStillOpenLastsUntilNow() {
    append(podFacts(LIFE.subList(0, 1)));
    Instant now = Instant.parse("2026-11-20T10:10:05Z");
    ProbeFilter untilNow = new ProbeFilter(null, null, null, null, null, null, null, now);
    assertThat(app(untilNow).notReadySeconds()).isEqualTo(600);
    assertThat(report.summary(untilNow).podNotReadySeconds()).isEqualTo(600);
  }

  @Test
  void theWholeLifeInAnyOrderGivesOneReport() {
    append(podFacts(LIFE));
    ALL_EVENTS.forEach(this::appendEvents);
    ProbesReport.Container app = app();
    assertThat(app.livenessFailures()).isEqualTo(7);
    assertThat(app.readinessFailures()).isEqualTo(7 + 3);
    assertThat(app.startupFailures()).isEqualTo(2);
    assertThat(app.restarts()).isEqualTo(4);
    assertThat(app.livenessRestarts()).isEqualTo(1);
    assertThat(app.firstFailureAfterStartSeconds()).as("10:00:05 → 10:00:58").isEqualTo(53);
    assertThat(app.kind()).isEqualTo("REGULAR");
    assertThat(app.probes().liveness())
        .isEqualTo(new ProbesReport.ProbeConfig("httpGet", 5, 10, 1, 1));
    assertThat(app.probes().startup().handler()).isEqualTo("exec");

    db.truncateAll();
    // relist order: the Events first (each Event's versions still in order), the pod's own facts
    // after them
    List.of(
            "probe-warning",
            "startup-series",
            "readiness-combined",
            "killing-liveness",
            "liveness-seen-once-at-7",
            "readiness-count-1",
            "readiness-count-7")
        .forEach(this::appendEvents);
    append(podFacts(LIFE));
    assertThat(app()).isEqualTo(app);

    store.rebuildProjections();
    assertThat(app()).as("after a rebuild").isEqualTo(app);
  }

  @Test
  void theWindowCountsFailuresByOccurrenceAndRestartsByTermination() {
    append(podFacts(LIFE));
    ALL_EVENTS.forEach(this::appendEvents);
    ProbeFilter window =
        new ProbeFilter(
            null,
            null,
            null,
            null,
            null,
            Instant.parse("2026-11-20T10:02:00Z"),
            Instant.parse("2026-11-20T10:04:00Z"),
            NOW);
    ProbesReport.Container app = app(window);
    assertThat(app.livenessFailures()).isEqualTo(7);
    assertThat(app.readinessFailures()).isZero();
    assertThat(app.startupFailures()).isZero();
    assertThat(app.restarts()).as("only the run that ended at 10:03:02").isEqualTo(1);
    assertThat(app.livenessRestarts()).isEqualTo(1);
    assertThat(app.readinessFlaps()).isEqualTo(1);
    assertThat(app.notReadySeconds()).as("10:03:03–10:04:00").isEqualTo(57);
    assertThat(report.summary(window).podNotReadySeconds()).as("10:03:02–10:04:00").isEqualTo(58);
  }

  @Test
  void theRouteAnswersJsonCsvAndRefusesBadParameters() {
    append(podFacts(LIFE));
    ALL_EVENTS.forEach(this::appendEvents);
    try (ApiServer server = ApiTestSupport.start(db.jdbi())) {
      Http http = new Http(server);
      Http.Response containers = http.get(ProbeRoutes.PROBES + "?namespace=shop");
      assertThat(containers.status()).as(containers.body()).isEqualTo(200);
      JsonNode item = containers.json().get("items").get(0);
      assertThat(item.get("uid").asString()).isEqualTo(UID);
      assertThat(item.get("livenessFailures").asLong()).isEqualTo(7);
      assertThat(item.get("restartsByReason").get("OOMKilled").asLong()).isEqualTo(1);
      assertThat(item.get("probes").get("liveness").get("failureThreshold").asInt()).isEqualTo(1);
      assertThat(containers.json().get("summary").get("restarts").asLong()).isEqualTo(4);

      JsonNode byNamespace = http.get(ProbeRoutes.PROBES + "?groupBy=namespace").json();
      assertThat(byNamespace.get("items").get(0).get("namespace").asString()).isEqualTo("shop");
      assertThat(byNamespace.get("items").get(0).get("readinessFailures").asLong()).isEqualTo(10);
      assertThat(byNamespace.get("items").get(0).get("pods").asLong()).isEqualTo(1);

      Http.Response csv =
          http.send(
              HttpRequest.newBuilder(http.uri(ProbeRoutes.PROBES + "?groupBy=workload"))
                  .header("Accept", "text/csv"));
      assertThat(csv.contentType()).startsWith("text/csv");
      assertThat(csv.body().lines().findFirst().orElseThrow())
          .startsWith("cluster,namespace,workloadKind");
      assertThat(csv.body().lines().count()).isEqualTo(2);

      assertThat(http.get(ProbeRoutes.PROBES + "?groupBy=pod").status()).isEqualTo(400);
      assertThat(
              http.get(ProbeRoutes.PROBES + "?from=2026-11-20T11:00:00Z&to=2026-11-20T10:00:00Z")
                  .status())
          .isEqualTo(400);
      assertThat(http.get(ProbeRoutes.PROBES + "?limit=3").status()).isEqualTo(400);
    }
  }
}
