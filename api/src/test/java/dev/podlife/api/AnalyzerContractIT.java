package dev.podlife.api;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.analyzer.store.FactStore;
import dev.podlife.events.Fact;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API reads what the analyzer writes: one pod's life, from the pod objects as the API server
 * wrote them, through the collector's extraction and the analyzer's store, served back over HTTP.
 */
@ExtendWith(PostgresExtension.class)
class AnalyzerContractIT {
  private static final String CLUSTER = "test";
  private static final String UID = "7f3c2b1a-9e8d-4c7b-a6f5-e4d3c2b1a090";
  private static final List<String> STEPS =
      List.of("1-pending", "2-scheduled", "3-container-creating", "4-running", "5-terminating");

  private static ApiServer server;
  private static Http http;
  private static List<Fact> facts;

  @BeforeAll
  static void storeOnePodsLifeAndStart(TestDatabase db) {
    StoredPods.Life life =
        StoredPods.life(CLUSTER, "life", STEPS.toArray(String[]::new)).deleted(null);
    facts = life.facts();
    FactStore store =
        new FactStore(
            db.jdbi(), Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
    store.append(life.offline());
    server = ApiTestSupport.start(db.jdbi());
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    ApiTestSupport.stop(server);
  }

  @Test
  void theListingShowsTheStoredPodAsDeleted() {
    JsonNode page = http.ok("/api/v1/pods?deleted=any&cluster=" + CLUSTER);
    assertThat(page.get("items").size()).isEqualTo(1);
    JsonNode pod = page.get("items").get(0);
    assertThat(pod.get("uid").asString()).isEqualTo(UID);
    assertThat(pod.get("namespace").asString()).isEqualTo("shop");
    assertThat(pod.get("name").asString()).isEqualTo("shop-7c9d8f6b5-q4x2m");
    assertThat(pod.get("deletedAt").isNull()).isFalse();
    assertThat(pod.get("deletionRequestedAt").isNull()).isFalse();
    assertThat(pod.get("createdAt").isNull()).isFalse();
    assertThat(http.ok("/api/v1/pods?deleted=true").get("items").size()).isEqualTo(1);
    assertThat(http.ok("/api/v1/pods?deleted=false").get("items").size()).isZero();
    assertThat(http.ok("/api/v1/pods").get("items").size())
        .as("deleted pods are not listed by default")
        .isZero();
  }

  @Test
  void theStoredSnapshotIsReadableAsContainersAndConditions() {
    JsonNode pod = http.ok("/api/v1/pods/" + UID);
    assertThat(pod.get("cluster").asString()).isEqualTo(CLUSTER);
    assertThat(pod.get("containers").size()).isPositive();
    assertThat(pod.get("containers").get(0).get("name").asString()).isNotBlank();
    assertThat(pod.get("conditions").size()).isPositive();
    // exactly the documented members (PodCondition.isTrue() must not leak in as "true")
    assertThat(pod.get("conditions").get(0).propertyNames())
        .containsExactly("type", "status", "reason", "message", "lastTransitionTime");
  }

  @Test
  void theHistoryHoldsEveryFactInTimeOrderWithTheStatusColumnOverTime() {
    JsonNode items = http.ok("/api/v1/pods/" + UID + "/history").get("items");
    assertThat(items.size()).isEqualTo(facts.size());
    List<String> statuses = new ArrayList<>();
    Instant previous = Instant.MIN;
    for (JsonNode entry : items) {
      Instant at = Instant.parse(entry.get("at").asString());
      assertThat(at).isAfterOrEqualTo(previous);
      previous = at;
      assertThat(entry.get("summary").asString()).isNotBlank();
      assertThat(entry.get("fact").get("type").asString()).isEqualTo(entry.get("type").asString());
      statuses.add(entry.get("status").asString());
    }
    assertThat(statuses).contains("Pending", "ContainerCreating", "Running", "Terminating");
    assertThat(items.get(items.size() - 1).get("type").asString()).isEqualTo("PodDeleted");
  }
}
