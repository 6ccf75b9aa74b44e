package dev.podlife.api.history;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.StreamSupport;

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
 * History beyond one UID over what the analyzer projected from real pod objects: the StatefulSet
 * pod {@code db-0} deleted and recreated (same name, two UIDs, two nodes), and its sibling {@code
 * db-1}.
 */
@ExtendWith(PostgresExtension.class)
class HistoryRoutesIT {
  static final String FIRST = "5a0c1e2d-3f4b-4c5d-8e6f-00000000d0a1";
  static final String SECOND = "5a0c1e2d-3f4b-4c5d-8e6f-00000000d0b2";
  static final String SIBLING = "5a0c1e2d-3f4b-4c5d-8e6f-00000000d1c3";
  private static ApiServer server;
  private static Http http;

  @BeforeAll
  static void seedAndStart(TestDatabase db) {
    FactStore store = new FactStore(db.jdbi(), Clock.systemUTC());
    store.append(
        StoredPods.life("east", "history", "db-0-first-running", "db-0-first-terminating")
            .deletedAtItsDeletionTimestamp()
            .offline());
    store.append(StoredPods.life("east", "history", "db-1-running").offline());
    store.append(StoredPods.life("east", "history", "db-0-second-running").offline());
    server = ApiTestSupport.start(db.jdbi());
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    ApiTestSupport.stop(server);
  }

  @Test
  void everyIncarnationOfANameComesNewestFirstEachWithItsOwnHistory() {
    JsonNode answer = http.ok("/api/v1/namespaces/shop/pods/db-0/history");

    JsonNode incarnations = answer.get("incarnations");
    assertThat(field(incarnations, "uid")).containsExactly(SECOND, FIRST);
    JsonNode first = incarnations.get(1);
    assertThat(first.get("node").asString()).isEqualTo("worker-1");
    assertThat(first.get("deletedAt").asString()).isEqualTo("2026-11-20T09:05:30Z");
    assertThat(field(first.get("entries"), "status")).first().isEqualTo("Running");
    assertThat(field(first.get("entries"), "status")).last().isEqualTo("Terminating");
    assertThat(field(first.get("entries"), "summary")).last().isEqualTo("Pod deleted");
    assertThat(first.get("truncated").asBoolean()).isFalse();
    JsonNode second = incarnations.get(0);
    assertThat(second.get("node").asString()).isEqualTo("worker-2");
    assertThat(second.get("deletedAt").isNull()).isTrue();
    // no entry of one incarnation leaks into the other
    assertThat(StreamSupport.stream(second.get("entries").spliterator(), false))
        .allSatisfy(
            e -> assertThat(e.get("fact").get("pod").get("uid").asString()).isEqualTo(SECOND));
  }

  @Test
  void aWindowKeepsOnlyTheIncarnationsAndEntriesInIt() {
    JsonNode answer =
        http.ok("/api/v1/namespaces/shop/pods/db-0/history?from=2026-11-20T09:06:00Z");

    assertThat(field(answer.get("incarnations"), "uid")).containsExactly(SECOND);
  }

  @Test
  void aWorkloadsHistoryMergesItsPodsInTimeOrderAndPages() {
    JsonNode all = http.ok("/api/v1/workloads/StatefulSet/shop/db/history");
    List<String> at = field(all.get("items"), "at");
    assertThat(at).isSorted();
    assertThat(new HashSet<>(field(all.get("items"), "uid")))
        .containsExactlyInAnyOrder(FIRST, SECOND, SIBLING);
    assertThat(field(all.get("items"), "pod")).contains("db-0", "db-1");

    List<Long> walked = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          http.ok(
              "/api/v1/workloads/StatefulSet/shop/db/history?limit=4"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      page.get("items").forEach(e -> walked.add(e.get("factId").asLong()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    } while (cursor != null);
    List<Long> expected = new ArrayList<>();
    all.get("items").forEach(e -> expected.add(e.get("factId").asLong()));
    assertThat(walked).isEqualTo(expected);
  }

  @Test
  void aNodesHistoryHoldsOnlyThePodsThatRanThere() {
    JsonNode page = http.ok("/api/v1/nodes/worker-1/history?cluster=east");

    assertThat(new HashSet<>(field(page.get("items"), "uid")))
        .containsExactlyInAnyOrder(FIRST, SIBLING);
    assertThat(http.ok("/api/v1/nodes/worker-2/history?to=2026-11-20T09:06:00Z").get("items"))
        .isEmpty();
  }

  @Test
  void anUnknownNameIsNotFoundAndBadParametersAreProblems() {
    assertThat(http.get("/api/v1/namespaces/shop/pods/db-7/history").status()).isEqualTo(404);
    assertThat(http.get("/api/v1/namespaces/shop/pods/db-0/history?cursor=x").status())
        .isEqualTo(400);
    assertThat(http.get("/api/v1/workloads/StatefulSet/shop/db/history?limit=0").status())
        .isEqualTo(400);
    assertThat(
            http.get(
                    "/api/v1/nodes/worker-1/history?from=2026-11-20T10:00:00Z&to=2026-11-20T09:00:00Z")
                .status())
        .isEqualTo(400);
  }
}
