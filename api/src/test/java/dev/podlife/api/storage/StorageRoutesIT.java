package dev.podlife.api.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.podlife.analyzer.retention.Retention;
import dev.podlife.analyzer.retention.RetentionPolicy;
import dev.podlife.analyzer.store.FactStore;
import dev.podlife.api.ApiServer;
import dev.podlife.api.ApiTestSupport;
import dev.podlife.api.Http;
import dev.podlife.api.StoredPods;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/storage} over a real store: one pod's facts of 2026-11-20 stored by the
 * analyzer's store, and one retention run.
 */
@ExtendWith(PostgresExtension.class)
class StorageRoutesIT {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
  private static ApiServer server;
  private static Http http;
  private static int facts;

  @BeforeAll
  static void seedAndStart(TestDatabase db) {
    StoredPods.Life web = StoredPods.crashLoopingWeb("east").deleted(null);
    facts = web.facts().size();
    new FactStore(db.jdbi(), CLOCK).append(web.offline());
    new Retention(
            db.jdbi(),
            new RetentionPolicy(Duration.ofDays(30), null),
            CLOCK,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
        .runOnce();
    server = ApiTestSupport.start(db.jdbi());
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    ApiTestSupport.stop(server);
  }

  private static JsonNode day(JsonNode report, String day) {
    for (JsonNode d : report.get("days")) {
      if (d.get("day").asString().equals(day)) {
        return d;
      }
    }
    throw new AssertionError("no day " + day + " in " + report);
  }

  @Test
  void showsEachDayWithItsBytesFactsAndPodsAndTheTotals() {
    JsonNode report = http.ok("/api/v1/storage");

    JsonNode nov20 = day(report, "2026-11-20");
    assertThat(nov20.get("facts").asLong()).isEqualTo(facts);
    assertThat(nov20.get("pods").asLong()).isEqualTo(1);
    assertThat(nov20.get("bytes").asLong()).isPositive();
    // created ahead by the store: there, empty
    assertThat(day(report, "2026-11-22").get("facts").asLong()).isZero();
    JsonNode totals = report.get("totals");
    assertThat(totals.get("facts").asLong()).isEqualTo(facts);
    assertThat(totals.get("pods").asLong()).isEqualTo(1);
    assertThat(totals.get("storeBytes").asLong())
        .isGreaterThan(totals.get("partitionBytes").asLong());
    assertThat(report.get("oldestDay").asString()).isEqualTo("2026-11-20");
  }

  @Test
  void showsTheLimitsAndTheLatestRetentionRun() {
    JsonNode report = http.ok("/api/v1/storage");

    assertThat(report.get("policy").get("retentionSeconds").asLong())
        .isEqualTo(Duration.ofDays(30).toSeconds());
    assertThat(report.get("policy").get("maxStorageBytes").isNull()).isTrue();
    JsonNode run = report.get("lastRuns").get(0);
    assertThat(run.get("reason").asString()).isEqualTo("none");
    assertThat(run.get("cutoff").isNull()).isTrue();
    assertThat(run.get("daysDropped").isEmpty()).isTrue();
    assertThat(run.get("startedAt").asString()).isEqualTo("2026-11-21T12:00:00Z");
  }

  @Test
  void needsATokenAndTakesNoParameters() {
    assertThat(Http.anonymous(server).get("/api/v1/storage").status()).isEqualTo(401);
    assertThat(http.as(ApiTestSupport.READ).get("/api/v1/storage").status()).isEqualTo(200);
    assertThat(http.get("/api/v1/storage?day=2026-11-20").status()).isEqualTo(400);
  }
}
