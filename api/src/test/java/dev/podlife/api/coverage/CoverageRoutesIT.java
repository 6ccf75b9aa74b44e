package dev.podlife.api.coverage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import dev.podlife.events.CollectorHeartbeat;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static dev.podlife.api.ApiTestSupport.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The StatefulSet pod {@code db-0} (created 09:00:00, deleted 09:05:30) in cluster {@code east},
 * whose collector was down from 09:02 to 09:04 and has been silent since 09:10.
 */
@ExtendWith(PostgresExtension.class)
class CoverageRoutesIT {
  static final String POD = "5a0c1e2d-3f4b-4c5d-8e6f-00000000d0a1";
  static final String GAP = "not observed between 2026-11-20T09:02:00Z and 2026-11-20T09:04:00Z";
  private static ApiServer server;
  private static Http http;

  private static List<CollectorHeartbeat> run(String instance, String from, String to) {
    List<CollectorHeartbeat> beats = new ArrayList<>();
    Instant start = Instant.parse(from);
    for (Instant at = start; !at.isAfter(Instant.parse(to)); at = at.plusSeconds(10)) {
      beats.add(
          new CollectorHeartbeat(
              "east", instance, at, Duration.ofSeconds(10), start, at.equals(start)));
    }
    return beats;
  }

  @BeforeAll
  static void seedAndStart(TestDatabase db) {
    FactStore store = new FactStore(db.jdbi(), Clock.systemUTC());
    store.append(
        StoredPods.life("east", "history", "db-0-first-running", "db-0-first-terminating")
            .deletedAtItsDeletionTimestamp()
            .offline());
    List<CollectorHeartbeat> beats =
        new ArrayList<>(run("c-1", "2026-11-20T08:50:00Z", "2026-11-20T09:02:00Z"));
    beats.addAll(run("c-2", "2026-11-20T09:04:00Z", "2026-11-20T09:10:00Z"));
    store.append(List.of(), List.of(), beats);
    server = ApiTestSupport.start(db.jdbi());
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    ApiTestSupport.stop(server);
  }

  @Test
  void theCoverageOfAWindowShowsTheObservedIntervalsTheGapAndTheShareObserved() {
    JsonNode coverage =
        http.ok("/api/v1/clusters/east/coverage?from=2026-11-20T09:00:00Z&to=2026-11-20T09:10:00Z");

    assertThat(coverage.get("cluster").asString()).isEqualTo("east");
    assertThat(field(coverage.get("gaps"), "summary")).containsExactly(GAP);
    assertThat(field(coverage.get("intervals"), "from"))
        .containsExactly("2026-11-20T09:00:00Z", "2026-11-20T09:04:00Z");
    assertThat(field(coverage.get("intervals"), "to"))
        .containsExactly("2026-11-20T09:02:00Z", "2026-11-20T09:10:00Z");
    assertThat(coverage.get("observedFraction").asDouble()).isEqualTo(0.8);
    assertThat(coverage.get("since").asString()).isEqualTo("2026-11-20T08:50:00Z");
    assertThat(coverage.get("lastHeartbeat").asString()).isEqualTo("2026-11-20T09:10:00Z");
    assertThat(coverage.get("unobservedSeconds").asDouble()).isPositive();
  }

  @Test
  void withoutAWindowTheLastDayShowsThatNobodyObservesTheClusterNow() {
    JsonNode coverage = http.ok("/api/v1/clusters/east/coverage");

    JsonNode gaps = coverage.get("gaps");
    assertThat(gaps).hasSize(1);
    assertThat(gaps.get(0).get("from").asString()).isEqualTo("2026-11-20T09:10:00Z");
    assertThat(gaps.get(0).get("ongoing").asBoolean()).isTrue();
    assertThat(coverage.get("observedFraction").asDouble()).isEqualTo(0.0);
  }

  @Test
  void aClusterNoCollectorEverReportedIs404AndAnEmptyWindow400() {
    Http.Response unknown = http.get("/api/v1/clusters/west/coverage");
    Http.Response empty =
        http.get(
            "/api/v1/clusters/east/coverage?from=2026-11-20T09:10:00Z&to=2026-11-20T09:00:00Z");
    Http.Response unparsable = http.get("/api/v1/clusters/east/coverage?from=yesterday");
    Http.Response unknownParameter = http.get("/api/v1/clusters/east/coverage?since=x");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(unknown.json().get("detail").asString()).contains("cluster west");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.contentType()).startsWith("application/problem+json");
    assertThat(empty.json().get("detail").asString()).contains("is empty");
    assertThat(unparsable.status()).isEqualTo(400);
    assertThat(unparsable.json().get("detail").asString()).contains("RFC 3339");
    assertThat(unknownParameter.status()).isEqualTo(400);
  }

  @Test
  void thePodsHistoryShowsTheGapDuringItsLifeBetweenTheFactsAroundIt() {
    JsonNode items = http.ok("/api/v1/pods/" + POD + "/history").get("items");

    List<String> types = field(items, "type");
    int gap = types.indexOf("NotObserved");
    assertThat(types).containsOnlyOnce("NotObserved");
    JsonNode entry = items.get(gap);
    assertThat(entry.get("summary").asString()).isEqualTo(GAP);
    assertThat(entry.get("at").asString()).isEqualTo("2026-11-20T09:02:00Z");
    assertThat(entry.get("status").asString())
        .isEqualTo(items.get(gap - 1).get("status").asString());
    assertThat(entry.get("fact").isNull()).isTrue();
    assertThat(Instant.parse(items.get(gap - 1).get("at").asString()))
        .isBefore(Instant.parse("2026-11-20T09:02:00Z"));
    assertThat(Instant.parse(items.get(gap + 1).get("at").asString()))
        .isAfter(Instant.parse("2026-11-20T09:04:00Z"));
  }

  @Test
  void pagingThroughTheHistoryShowsTheGapOnceAndEveryFactOnce() {
    List<String> all = field(http.ok("/api/v1/pods/" + POD + "/history").get("items"), "summary");
    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          http.ok(
              "/api/v1/pods/"
                  + POD
                  + "/history?limit=1"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      paged.addAll(field(page.get("items"), "summary"));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    } while (cursor != null);

    assertThat(paged).isEqualTo(all);
  }

  @Test
  void thePodsTimelinePageListsTheGapAmongItsFacts() {
    Http.Response page = http.get("/ui/pods/" + POD);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).containsOnlyOnce("<tr class=\"gap\">");
    assertThat(page.body()).contains(GAP);
    assertThat(page.body().indexOf(GAP)).isLessThan(page.body().indexOf("Pod deleted"));
  }
}
