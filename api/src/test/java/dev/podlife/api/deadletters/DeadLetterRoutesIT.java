package dev.podlife.api.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.analyzer.store.DeadLetter;
import dev.podlife.analyzer.store.FactStore;
import dev.podlife.api.ApiServer;
import dev.podlife.api.ApiTestSupport;
import dev.podlife.api.Http;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static dev.podlife.api.ApiTestSupport.openApi;
import static dev.podlife.api.ApiTestSupport.queryParameters;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead-letter listing over dead letters the analyzer's store wrote into a real, migrated
 * PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class DeadLetterRoutesIT {
  private static ApiServer server;
  private static Http http;

  @BeforeAll
  static void seedAndStart(TestDatabase db) {
    byte[] large = new byte[DeadLetterRoutes.MAX_VALUE_BYTES + 1];
    Arrays.fill(large, (byte) 'x');
    List<DeadLetter> letters = new ArrayList<>();
    letters.add(
        new DeadLetter(
            "podlife.facts",
            0,
            10,
            bytes("pod-1"),
            bytes("{not json"),
            "UnreadableFactException: Fact is not valid JSON"));
    letters.add(
        new DeadLetter(
            "podlife.facts",
            1,
            11,
            null,
            bytes("{\"v\":1}"),
            "Record has no key: facts are keyed by their pod's UID"));
    letters.add(
        new DeadLetter(
            "podlife.facts", 2, 12, bytes("pod-3"), large, "UnreadableFactException: too large"));
    letters.add(
        new DeadLetter(
            "other.facts",
            0,
            13,
            bytes("pod-4"),
            new byte[] {(byte) 0xff, (byte) 0xfe},
            "UnreadableFactException: binary"));
    new FactStore(db.jdbi(), Clock.systemUTC()).append(List.of(), letters);
    server = ApiTestSupport.start(db.jdbi());
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    ApiTestSupport.stop(server);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Long> offsets(JsonNode page) {
    return StreamSupport.stream(page.get("items").spliterator(), false)
        .map(i -> i.get("offset").asLong())
        .toList();
  }

  @Test
  void listsDeadLettersNewestFirstWithSourceKeyReasonAndSize() {
    JsonNode page = http.ok("/api/v1/dead-letters");

    assertThat(offsets(page)).containsExactly(13L, 12L, 11L, 10L);
    assertThat(page.get("nextCursor").isNull()).isTrue();
    JsonNode unkeyed = page.get("items").get(2);
    assertThat(unkeyed.get("topic").asString()).isEqualTo("podlife.facts");
    assertThat(unkeyed.get("partition").asInt()).isEqualTo(1);
    assertThat(unkeyed.get("key").isNull()).isTrue();
    assertThat(unkeyed.get("error").asString()).startsWith("Record has no key");
    assertThat(unkeyed.get("valueBytes").asInt()).isEqualTo(7);
    assertThat(unkeyed.get("value").asString()).isEqualTo("{\"v\":1}");
    assertThat(unkeyed.get("receivedAt").asString()).isNotBlank();
  }

  @Test
  void returnsTheValueOnlyWhenItIsSmallText() {
    JsonNode items = http.ok("/api/v1/dead-letters").get("items");

    JsonNode large = items.get(1);
    assertThat(large.get("valueBytes").asInt()).isEqualTo(DeadLetterRoutes.MAX_VALUE_BYTES + 1);
    assertThat(large.get("value").isNull()).isTrue();
    JsonNode binary = items.get(0);
    assertThat(binary.get("valueBytes").asInt()).isEqualTo(2);
    assertThat(binary.get("value").isNull()).isTrue();
  }

  @Test
  void pagesByKeysetAndFiltersByTopic() {
    JsonNode first = http.ok("/api/v1/dead-letters?topic=podlife.facts&limit=2");
    assertThat(offsets(first)).containsExactly(12L, 11L);

    JsonNode second =
        http.ok(
            "/api/v1/dead-letters?topic=podlife.facts&limit=2&cursor="
                + first.get("nextCursor").asString());
    assertThat(offsets(second)).containsExactly(10L);
    assertThat(second.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void refusesACursorItDidNotIssueAndUnknownParameters() {
    assertThat(http.get("/api/v1/dead-letters?cursor=bm90LWEtY3Vyc29y").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/dead-letters?partition=1").status()).isEqualTo(400);
  }

  @Test
  void needsAToken() {
    assertThat(Http.anonymous(server).get("/api/v1/dead-letters").status()).isEqualTo(401);
  }

  @Test
  void theDocumentNamesExactlyTheQueryParametersTheRouteAccepts() throws Exception {
    assertThat(queryParameters(openApi(), DeadLetterRoutes.DEAD_LETTERS))
        .isEqualTo(DeadLetterRoutes.LIST_PARAMETERS);
  }
}
