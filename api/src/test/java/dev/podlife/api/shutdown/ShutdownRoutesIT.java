package dev.podlife.api.shutdown;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.podlife.analyzer.store.FactStore;
import dev.podlife.analyzer.store.SourcedFact;
import dev.podlife.api.ApiServer;
import dev.podlife.api.ApiTestSupport;
import dev.podlife.api.Http;
import dev.podlife.collector.extract.EventFacts;
import dev.podlife.collector.extract.PodFactTracker;
import dev.podlife.collector.extract.WorkloadResolver;
import dev.podlife.events.Fact;
import dev.podlife.events.PodSnapshot;
import dev.podlife.testing.KubeJson;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorded shutdowns (watch streams under {@code shutdown/}) go through the collector's
 * extraction and the analyzer's store; the report reads them back over HTTP.
 */
@ExtendWith(PostgresExtension.class)
class ShutdownRoutesIT {
  private static final String CLUSTER = "prod";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String REPORT = ShutdownRoutes.SHUTDOWN;

  private static ApiServer server;
  private static Http http;

  @BeforeAll
  static void storeRecordedShutdownsAndStart(TestDatabase db) {
    FactStore store =
        new FactStore(
            db.jdbi(), Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
    for (String name :
        List.of(
            "killed-after-grace",
            "oom-and-errors",
            "node-lost",
            "second-delete",
            "evicted",
            "loap-scale-to-zero",
            "restarted-before-deletion")) {
      store.append(facts(name, null));
    }
    // the live collector saw this pod's DELETED watch event 7.25 s after the request
    store.append(facts("clean", Instant.parse("2026-11-25T03:01:07.250Z")));
    server = ApiTestSupport.start(db.jdbi());
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    ApiTestSupport.stop(server);
  }

  private static List<SourcedFact> facts(String name, Instant deletedObservedAt) {
    PodFactTracker pods = new PodFactTracker(CLUSTER, WorkloadResolver.heuristic());
    List<Fact> facts = new ArrayList<>();
    for (String line : KubeJson.resource("shutdown/" + name + ".json").split("\n")) {
      WatchEvent watch = SERIALIZATION.unmarshal(line, WatchEvent.class);
      switch (watch.getObject()) {
        case Pod pod ->
            facts.addAll(
                "DELETED".equals(watch.getType())
                    ? pods.onPodDeleted(pod, deletedObservedAt)
                    : pods.onPod(pod, null));
        case Event event ->
            EventFacts.of(
                    CLUSTER,
                    event,
                    uid -> {
                      PodSnapshot known = pods.get(uid);
                      return known == null ? null : known.pod();
                    },
                    null)
                .ifPresent(facts::add);
        default -> throw new IllegalArgumentException(name + ": " + watch.getObject());
      }
    }
    return facts.stream().map(SourcedFact::offline).toList();
  }

  private static JsonNode ok(String query) {
    return http.ok(REPORT + query);
  }

  private static JsonNode group(JsonNode report, String workloadName) {
    for (JsonNode group : report.get("groups")) {
      if (group.get("workload").get("name").asString().equals(workloadName)) {
        return group;
      }
    }
    throw new AssertionError("no group for " + workloadName + " in " + report);
  }

  @Test
  void aWorkloadKilledAfterItsGracePeriodIsCountedAndAdvisedToChange() {
    JsonNode checkout = group(ok(""), "checkout");
    assertThat(checkout.get("workload").get("kind").asString()).isEqualTo("Deployment");
    assertThat(checkout.get("pods").asLong()).isEqualTo(1);
    assertThat(checkout.get("outcomes").get("killed_after_grace").asLong()).isEqualTo(1);
    assertThat(checkout.get("killedAfterGrace").asLong()).isEqualTo(1);
    assertThat(checkout.get("killedAfterGracePercent").asDouble()).isEqualTo(100.0);
    assertThat(checkout.get("preStopFailed").asLong()).isEqualTo(1);
    assertThat(checkout.get("secondsToExit").get("p99").asDouble()).isEqualTo(32.0);
    assertThat(checkout.get("recommendation").asString())
        .isEqualTo(
            "p99 time-to-exit 32 s of 30 s grace: 100 % SIGKILLed — raise the grace period or make"
                + " the app exit on SIGTERM; 1 failed preStop hook(s) — fix the hook or keep it"
                + " well within the grace period");
  }

  @Test
  void percentilesAreNearestRankOverTheWorkloadsContainers() {
    JsonNode web = group(ok(""), "web");
    assertThat(web.get("pods").asLong()).isEqualTo(2);
    assertThat(web.get("containers").asLong()).isEqualTo(4);
    assertThat(web.get("outcomes").get("clean").asLong()).isEqualTo(4);
    // exits after 1, 2, 6 and 7 s: nearest rank p50 = 2nd, p90 = p99 = 4th
    assertThat(web.get("secondsToExit").get("p50").asDouble()).isEqualTo(2.0);
    assertThat(web.get("secondsToExit").get("p90").asDouble()).isEqualTo(7.0);
    assertThat(web.get("secondsToExit").get("p99").asDouble()).isEqualTo(7.0);
    assertThat(web.get("graceUsed").get("p99").asDouble())
        .isCloseTo(7 / 30.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(web.get("gracePeriodSeconds").get("max").asLong()).isEqualTo(30);
    assertThat(web.get("podGoneSeconds").get("p50").asDouble())
        .as("only the live pod has one")
        .isEqualTo(7.25);
    assertThat(web.get("recommendation").isNull()).isTrue();
  }

  @Test
  void theShortenedGraceIsTheOneAdvisedAgainst() {
    JsonNode ledger = group(ok("?workload=Deployment/ledger"), "ledger");
    assertThat(ok("?workload=Deployment/ledger").get("groups").size()).isEqualTo(1);
    assertThat(ledger.get("gracePeriodSeconds").get("min").asLong()).isEqualTo(5);
    assertThat(ledger.get("graceUsed").get("p50").asDouble()).isEqualTo(3.0);
    assertThat(ledger.get("recommendation").asString())
        .startsWith("p99 time-to-exit 15 s of 5 s grace: 100 % SIGKILLed");
  }

  @Test
  void theClusterTotalsCountEveryOutcome() {
    JsonNode report = ok("?groupBy=cluster");
    assertThat(report.get("groupBy").asString()).isEqualTo("cluster");
    assertThat(report.get("groups").size()).isEqualTo(1);
    JsonNode all = report.get("groups").get(0);
    assertThat(all.get("namespace").isNull()).isTrue();
    assertThat(all.get("workload").isNull()).isTrue();
    assertThat(all.get("pods").asLong()).isEqualTo(8);
    assertThat(all.get("containers").asLong()).isEqualTo(13);
    JsonNode outcomes = all.get("outcomes");
    assertThat(outcomes.get("clean").asLong()).isEqualTo(6);
    assertThat(outcomes.get("killed_after_grace").asLong()).isEqualTo(2);
    assertThat(outcomes.get("oom_killed").asLong()).isEqualTo(1);
    assertThat(outcomes.get("error_exit").asLong()).isEqualTo(2);
    assertThat(outcomes.get("unknown").asLong()).isEqualTo(2);
    assertThat(all.get("stopping").asLong()).isZero();
  }

  @Test
  void aShutdownBelongsToTheWindowItsDeletionWasRequestedIn() {
    // loap's deletion was requested at 03:00:11, every other one at 03:01:00
    JsonNode before = ok("?groupBy=namespace&to=2026-11-25T03:01:00Z");
    assertThat(before.get("groups").size()).isEqualTo(1);
    assertThat(before.get("groups").get(0).get("namespace").asString()).isEqualTo("demo");
    JsonNode after = ok("?groupBy=namespace&from=2026-11-25T03:01:00Z");
    assertThat(after.get("groups").size()).isEqualTo(1);
    assertThat(after.get("groups").get(0).get("namespace").asString()).isEqualTo("shop");
    assertThat(after.get("groups").get(0).get("pods").asLong()).isEqualTo(7);
    assertThat(ok("?from=2026-11-25T04:00:00Z").get("groups").size()).isZero();
  }

  @Test
  void csvHasOneLinePerGroup() {
    Http.Response response =
        http.send(
            HttpRequest.newBuilder(http.uri(REPORT + "?groupBy=namespace"))
                .header("Accept", "text/csv")
                .GET());
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/csv");
    List<String> lines = response.body().lines().toList();
    assertThat(lines.getFirst())
        .startsWith("cluster,namespace,workload,pods,containers,clean,killed_after_grace,");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).startsWith("prod,demo,,1,1,1,0,0,0,0,0,");
  }

  @Test
  void badParametersAreProblems() {
    for (String query :
        List.of(
            "?groupBy=pod",
            "?from=yesterday",
            "?from=2026-11-25T04:00:00Z&to=2026-11-25T03:00:00Z",
            "?limit=3")) {
      Http.Response response = http.get(REPORT + query);
      assertThat(response.status()).as(query).isEqualTo(400);
      assertThat(response.contentType()).startsWith("application/problem+json");
    }
  }
}
