package dev.podlife.api.terminations;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.analyzer.store.FactStore;
import dev.podlife.api.ApiServer;
import dev.podlife.api.ApiTestSupport;
import dev.podlife.api.Http;
import dev.podlife.api.StoredPods;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static dev.podlife.api.ApiTestSupport.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The termination routes over what the analyzer projected from real pod objects, in a real
 * PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class TerminationRoutesIT {
  private static ApiServer server;
  private static Http http;

  @BeforeAll
  static void seedAndStart(TestDatabase db) {
    FactStore store = new FactStore(db.jdbi(), Clock.systemUTC());
    store.append(StoredPods.crashLoopingWeb("east").offline());
    store.append(StoredPods.life("east", "terminations", "start-error").offline());
    store.append(StoredPods.life("east", "terminations", "deadline-exceeded").offline());
    store.append(StoredPods.life("east", "terminations", "preempted").offline());
    server = ApiTestSupport.start(db.jdbi());
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    ApiTestSupport.stop(server);
  }

  @Test
  void listsEveryTerminationNewestFirstWithItsEvidence() {
    JsonNode page = http.ok("/api/v1/terminations");

    assertThat(field(page.get("items"), "at"))
        .containsExactly(
            "2026-11-20T11:00:09Z",
            "2026-11-20T11:00:09Z",
            "2026-11-20T10:40:00Z",
            "2026-11-20T10:12:03Z",
            "2026-11-20T10:05:02Z",
            "2026-11-20T10:05:00Z",
            "2026-11-20T10:02:40Z",
            "2026-11-20T10:02:10Z",
            "2026-11-20T10:00:07Z");
    JsonNode oom = page.get("items").get(7);
    assertThat(oom.get("reason").asString()).isEqualTo("OOMKilled");
    assertThat(oom.get("exitCode").asInt()).isEqualTo(137);
    assertThat(oom.get("signal").asString()).isEqualTo("SIGKILL");
    assertThat(oom.get("pod").asString()).isEqualTo("web-6d4b9c7f8-k2x9q");
    assertThat(oom.get("uid").asString()).isEqualTo("4d1f0e2a-7b3c-4e5d-9f60-0000000000a1");
    assertThat(oom.get("container").asString()).isEqualTo("app");
    assertThat(oom.get("containerKind").asString()).isEqualTo("REGULAR");
    assertThat(oom.get("workload").get("kind").asString()).isEqualTo("Deployment");
    assertThat(oom.get("workload").get("name").asString()).isEqualTo("web");
    assertThat(oom.get("node").asString()).isEqualTo("worker-2");
    assertThat(oom.get("startedAt").asString()).isEqualTo("2026-11-20T10:00:06Z");
    assertThat(oom.get("message").asString()).isEqualTo("heap exhausted while loading catalog");
    assertThat(oom.get("restartCount").asInt()).isZero();
    assertThat(oom.get("duringDeletion").asBoolean()).isFalse();
    assertThat(oom.get("oomUncertain").asBoolean()).isFalse();
    assertThat(oom.has("oomUncertain")).isTrue();
    assertThat(page.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void filtersByReasonWorkloadNodeAndWindow() {
    assertThat(field(http.ok("/api/v1/terminations?reason=OOMKilled").get("items"), "pod"))
        .containsExactly("web-6d4b9c7f8-k2x9q");
    assertThat(
            field(
                http.ok("/api/v1/terminations?workload=Deployment/web&namespace=shop").get("items"),
                "reason"))
        .containsExactly("Error", "Error", "Error", "OOMKilled");
    assertThat(http.ok("/api/v1/terminations?node=worker-9").get("items")).isEmpty();
    assertThat(
            field(
                http.ok(
                        "/api/v1/terminations?from=2026-11-20T10:02:10Z&to=2026-11-20T10:12:03Z&cluster=east")
                    .get("items"),
                "at"))
        .containsExactly(
            "2026-11-20T10:05:02Z",
            "2026-11-20T10:05:00Z",
            "2026-11-20T10:02:40Z",
            "2026-11-20T10:02:10Z");
  }

  @Test
  void pagesWalkEveryTerminationOnceWithKeysetCursors() {
    List<Long> all = new ArrayList<>();
    http.ok("/api/v1/terminations").get("items").forEach(t -> all.add(t.get("id").asLong()));
    List<Long> walked = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          http.ok("/api/v1/terminations?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      page.get("items").forEach(t -> walked.add(t.get("id").asLong()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
      pages++;
    } while (cursor != null);

    assertThat(walked).isEqualTo(all);
    assertThat(pages).isEqualTo(5);
  }

  @Test
  void listsCrashLoopEpisodesWithTheirBoundaries() {
    JsonNode items = http.ok("/api/v1/crash-loops?workload=web").get("items");

    assertThat(field(items, "startedAt"))
        .containsExactly("2026-11-20T10:40:00Z", "2026-11-20T10:02:10Z");
    JsonNode first = items.get(1);
    assertThat(first.get("endedAt").asString()).isEqualTo("2026-11-20T10:17:03Z");
    assertThat(first.get("endReason").asString()).isEqualTo("RanStable");
    assertThat(first.get("restarts").asInt()).isEqualTo(6);
    assertThat(first.get("maxBackOffSeconds").asInt()).isEqualTo(300);
    assertThat(first.get("backOffCapReached").asBoolean()).isTrue();
    assertThat(items.get(0).get("endReason").asString()).isEqualTo("PodDeletionRequested");
  }

  @Test
  void reportsCountsPerReasonAndPerDayAsJsonOrCsv() {
    JsonNode byReason = http.ok("/api/v1/reports/terminations");
    assertThat(byReason.get("groupBy").asString()).isEqualTo("reason");
    assertThat(byReason.get("terminations").asLong()).isEqualTo(9);
    assertThat(field(byReason.get("rows"), "group"))
        .containsExactly("Error", "DeadlineExceeded", "OOMKilled", "Preempted", "StartError");
    assertThat(byReason.get("rows").get(0).get("terminations").asLong()).isEqualTo(5);
    assertThat(byReason.get("rows").get(0).get("pods").asLong()).isEqualTo(3);

    JsonNode byWorkload = http.ok("/api/v1/reports/terminations?groupBy=workload&reason=Error");
    assertThat(field(byWorkload.get("rows"), "group")).first().isEqualTo("Deployment/web");

    Http.Response csv =
        http.send(
            HttpRequest.newBuilder(http.uri("/api/v1/reports/terminations?groupBy=day"))
                .header("Accept", "text/csv")
                .GET());
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body().lines().toList())
        .containsExactly(
            "cluster,day,terminations,pods,firstAt,lastAt",
            "east,2026-11-20,9,4,2026-11-20T10:00:07Z,2026-11-20T11:00:09Z");
  }

  @Test
  void filtersAndGroupsByTheDisruptionThatCausedATermination() {
    JsonNode preempted = http.ok("/api/v1/terminations?disruption=preemption").get("items");
    assertThat(field(preempted, "reason")).containsExactly("Error", "Preempted");
    assertThat(field(preempted, "pod")).containsOnly("batch-low-7c9d8f6b5-pr3em");
    // the OOM kill was no disruption's SIGKILL
    JsonNode oom = http.ok("/api/v1/terminations?reason=OOMKilled").get("items").get(0);
    assertThat(oom.has("disruption")).isTrue();
    assertThat(oom.get("disruption").isNull()).isTrue();

    JsonNode byDisruption = http.ok("/api/v1/reports/terminations?groupBy=disruption");
    assertThat(byDisruption.get("rows"))
        .extracting(r -> r.get("group").isNull() ? null : r.get("group").asString())
        .containsExactly(null, "preemption");
    assertThat(byDisruption.get("rows").get(1).get("terminations").asLong()).isEqualTo(2);
  }

  @Test
  void refusesBadParametersWithProblems() {
    for (String bad :
        List.of(
            "/api/v1/reports/terminations?groupBy=container",
            "/api/v1/terminations?color=red",
            "/api/v1/terminations?cursor=bm9wZQ",
            "/api/v1/terminations?from=2026-11-20T11:00:00Z&to=2026-11-20T10:00:00Z",
            "/api/v1/crash-loops?reason=OOMKilled",
            "/api/v1/terminations?disruption=drain",
            "/api/v1/crash-loops?disruption=preemption")) {
      Http.Response response = http.get(bad);
      assertThat(response.status()).as(bad).isEqualTo(400);
      assertThat(response.contentType()).startsWith("application/problem+json");
    }
  }
}
