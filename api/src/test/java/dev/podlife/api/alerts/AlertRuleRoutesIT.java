package dev.podlife.api.alerts;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.podlife.analyzer.store.FactStore;
import dev.podlife.api.ApiServer;
import dev.podlife.api.ApiTestSupport;
import dev.podlife.api.Http;
import dev.podlife.api.StoredPods;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rule routes against a real PostgreSQL: the round trip, the audit trail, every refusal.
 */
@ExtendWith(PostgresExtension.class)
class AlertRuleRoutesIT {
  private static final String SECRET = "whsec-0123456789abcdef";
  private static TestDatabase db;
  private static ApiServer server;
  private static Http http;

  /** Changes need the admin role; reads (and backtests) the read role. */
  private static Http admin;

  @BeforeAll
  static void start(TestDatabase database) {
    db = database;
    // the backtest replays the projections: a web Deployment OOMKilled once, then crash-looping
    // (east/shop)
    new FactStore(db.jdbi(), Clock.systemUTC())
        .append(StoredPods.crashLoopingWeb("east").offline());
    server = ApiTestSupport.start(db.jdbi());
    http = new Http(server);
    admin = http.as(ApiTestSupport.ADMIN);
  }

  @AfterAll
  static void stop() {
    ApiTestSupport.stop(server);
  }

  static String rule(String name) {
    return """
    {"name": "%s",
     "description": "OOM kills in the shop namespaces",
     "selector": {"cluster": "east", "namespace": {"regex": "shop-.*"}, "labels": {"team": "payments"}},
     "condition": {"type": "termination_reason", "reasons": ["OOMKilled"]},
     "window": "10m", "threshold": 2, "severity": "critical",
     "labels": {"team": "payments"}, "annotations": {"runbook_url": "https://runbooks.example/oom"},
     "webhooks": [{"url": "https://hooks.example/podlife", "secret": "%s"}]}
    """
        .formatted(name, SECRET);
  }

  static Http.Response post(String path, String body) {
    return admin.send(
        HttpRequest.newBuilder(http.uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  static Http.Response put(String path, String body) {
    return admin.send(
        HttpRequest.newBuilder(http.uri(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  static Http.Response delete(String path) {
    return admin.send(HttpRequest.newBuilder(http.uri(path)).DELETE());
  }

  static JsonNode created(String body) {
    Http.Response response = post(RuleRoutes.RULES, body);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json();
  }

  static JsonNode problem(Http.Response response, int status, String type) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString()).isEqualTo("urn:podlife:problem:" + type);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    return problem;
  }

  /** field → message of every violation an invalid-rule problem lists. */
  static List<String> violatedFields(JsonNode problem) {
    List<String> fields = new ArrayList<>();
    problem
        .get("fields")
        .forEach(
            f -> {
              assertThat(f.get("message").asString()).isNotBlank();
              fields.add(f.get("field").asString());
            });
    return fields;
  }

  String storedSecret(long id) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT spec->'webhooks'->0->>'secret' FROM alert_rule WHERE id = :id")
                    .bind("id", id)
                    .mapTo(String.class)
                    .one());
  }

  @Test
  void aRuleIsCreatedReadReplacedAndDeletedWithItsWholeTrailAndNeverItsSecret() {
    Http.Response create = post(RuleRoutes.RULES, rule("oom-round-trip"));
    assertThat(create.status()).as(create.toString()).isEqualTo(201);
    JsonNode stored = create.json();
    long id = stored.get("id").asLong();
    assertThat(create.raw().headers().firstValue("Location")).contains("/api/v1/alert-rules/" + id);
    assertThat(stored.get("version").asInt()).isEqualTo(1);
    assertThat(stored.get("createdAt").asString()).isEqualTo(stored.get("updatedAt").asString());
    JsonNode rule = stored.get("rule");
    assertThat(rule.get("name").asString()).isEqualTo("oom-round-trip");
    assertThat(rule.get("selector").get("namespace").get("regex").asString()).isEqualTo("shop-.*");
    assertThat(rule.get("condition").get("reasons").get(0).asString()).isEqualTo("OOMKilled");
    assertThat(rule.get("window").asString()).isEqualTo("10m");
    assertThat(rule.get("severity").asString()).isEqualTo("critical");
    assertThat(rule.get("enabled").asBoolean()).isTrue();
    assertThat(rule.get("webhooks").get(0).get("url").asString())
        .isEqualTo("https://hooks.example/podlife");
    assertThat(rule.get("webhooks").get(0).get("secret").asString()).isEqualTo("***");
    assertThat(create.body()).doesNotContain(SECRET);

    String location = "/api/v1/alert-rules/" + id;
    assertThat(http.ok(location)).isEqualTo(stored);
    assertThat(ApiTestSupport.field(http.ok(RuleRoutes.RULES).get("items"), "id"))
        .contains(String.valueOf(id));

    // what a client does: read the rule back, change it, send it again with the masked secret
    ObjectNode edited = (ObjectNode) http.ok(location).get("rule");
    edited.put("threshold", 3);
    Http.Response replaced = put(location, edited.toString());
    assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
    assertThat(replaced.json().get("version").asInt()).isEqualTo(2);
    assertThat(replaced.json().get("rule").get("threshold").asInt()).isEqualTo(3);
    assertThat(storedSecret(id)).isEqualTo(SECRET);

    // or leave the secret out altogether
    ((ObjectNode) edited.get("webhooks").get(0)).remove("secret");
    edited.put("severity", "warning");
    assertThat(put(location, edited.toString()).json().get("version").asInt()).isEqualTo(3);
    assertThat(storedSecret(id)).isEqualTo(SECRET);

    assertThat(delete(location).status()).isEqualTo(204);
    problem(http.get(location), 404, "not-found");
    problem(put(location, edited.toString()), 404, "not-found");
    problem(delete(location), 404, "not-found");
    assertThat(ApiTestSupport.field(http.ok(RuleRoutes.RULES).get("items"), "id"))
        .doesNotContain(String.valueOf(id));

    Http.Response trail = http.get(location + "/versions");
    assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
    JsonNode versions = trail.json();
    assertThat(versions.get("ruleId").asLong()).isEqualTo(id);
    assertThat(ApiTestSupport.field(versions.get("items"), "change"))
        .containsExactly("created", "updated", "updated", "deleted");
    assertThat(ApiTestSupport.field(versions.get("items"), "version"))
        .containsExactly("1", "2", "3", "4");
    // no token configured: the placeholder/auth principal of an unauthenticated server
    assertThat(ApiTestSupport.field(versions.get("items"), "changedBy")).containsOnly("test-admin");
    assertThat(versions.get("items").get(1).get("rule").get("threshold").asInt()).isEqualTo(3);
    assertThat(versions.get("items").get(2).get("rule").get("severity").asString())
        .isEqualTo("warning");
    versions
        .get("items")
        .forEach(
            v ->
                assertThat(v.get("rule").get("webhooks").get(0).get("secret").asString())
                    .isEqualTo("***"));
    assertThat(trail.body()).doesNotContain(SECRET);
    long changedByAnonymous =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT count(*) FROM alert_rule_version WHERE rule_id = :id AND"
                                + " changed_by = 'test-admin'")
                        .bind("id", id)
                        .mapTo(Long.class)
                        .one());
    assertThat(changedByAnonymous).isEqualTo(4);
  }

  @Test
  void aReadTokenReadsRulesButCannotChangeThem() {
    long id = created(rule("read-only-check")).get("id").asLong();
    String location = RuleRoutes.RULES + "/" + id;
    Http.Response refused =
        http.send(
            HttpRequest.newBuilder(http.uri(RuleRoutes.RULES))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rule("by-reader"))));
    problem(refused, 403, "forbidden");
    problem(http.send(HttpRequest.newBuilder(http.uri(location)).DELETE()), 403, "forbidden");
    problem(Http.anonymous(server).get(location), 401, "unauthorized");
    assertThat(http.ok(location).get("version").asInt()).isEqualTo(1);
  }

  @Test
  void anInvalidRuleIsA400ListingEveryViolation() {
    String body =
        """
        {"name": "broken", "colour": "red",
         "selector": {"namespace": {"regex": "shop-("}},
         "condition": {"type": "oom"},
         "window": "ten minutes"}
        """;
    JsonNode problem = problem(post(RuleRoutes.RULES, body), 400, "invalid-rule");

    assertThat(violatedFields(problem))
        .containsExactlyInAnyOrder("colour", "selector.namespace", "condition.type", "window");
    assertThat(problem.get("detail").asString())
        .contains("4 problems")
        .contains("unknown condition \"oom\"")
        .contains("bad regex");
    assertThat(http.ok(RuleRoutes.RULES).toString()).doesNotContain("\"broken\"");
  }

  @Test
  void malformedOrEmptyJsonIsOneViolationOnTheWholeBody() {
    JsonNode malformed = problem(post(RuleRoutes.RULES, "{\"name\": \"x\","), 400, "invalid-rule");
    assertThat(violatedFields(malformed)).containsExactly("");
    assertThat(malformed.get("fields").get(0).get("message").asString())
        .startsWith("malformed JSON");

    assertThat(violatedFields(problem(post(RuleRoutes.RULES, ""), 400, "invalid-rule")))
        .containsExactly("");
    assertThat(violatedFields(problem(post(RuleRoutes.RULES, "[1, 2]"), 400, "invalid-rule")))
        .containsExactly("");
  }

  @Test
  void aReplacementIsValidatedLikeANewRule() {
    long id = created(rule("validated-on-put")).get("id").asLong();
    JsonNode problem =
        problem(
            put(
                "/api/v1/alert-rules/" + id,
                "{\"name\": \"validated-on-put\", \"window\": \"1s\"}"),
            400,
            "invalid-rule");
    assertThat(violatedFields(problem)).containsExactlyInAnyOrder("condition", "window");
    assertThat(http.ok("/api/v1/alert-rules/" + id).get("version").asInt()).isEqualTo(1);
  }

  @Test
  void aNameTakenByALiveRuleIsA409AndFreeAgainAfterItsDeletion() {
    long first = created(rule("unique-name")).get("id").asLong();
    long other = created(rule("other-name")).get("id").asLong();

    JsonNode duplicate =
        problem(post(RuleRoutes.RULES, rule("unique-name")), 409, "duplicate-rule-name");
    assertThat(duplicate.get("detail").asString()).contains("unique-name");
    problem(put("/api/v1/alert-rules/" + other, rule("unique-name")), 409, "duplicate-rule-name");
    assertThat(http.ok("/api/v1/alert-rules/" + other).get("rule").get("name").asString())
        .isEqualTo("other-name");

    assertThat(delete("/api/v1/alert-rules/" + first).status()).isEqualTo(204);
    assertThat(created(rule("unique-name")).get("id").asLong()).isNotEqualTo(first);
  }

  @Test
  void unknownIdsAre404AndNonNumericIdsAre400() {
    problem(http.get("/api/v1/alert-rules/987654"), 404, "not-found");
    problem(put("/api/v1/alert-rules/987654", rule("nowhere")), 404, "not-found");
    problem(delete("/api/v1/alert-rules/987654"), 404, "not-found");
    problem(http.get("/api/v1/alert-rules/987654/versions"), 404, "not-found");

    for (Http.Response response :
        List.of(
            http.get("/api/v1/alert-rules/abc"),
            put("/api/v1/alert-rules/abc", rule("abc")),
            delete("/api/v1/alert-rules/abc"),
            http.get("/api/v1/alert-rules/-1/versions"),
            post(
                "/api/v1/alert-rules/1.5/test?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z",
                ""))) {
      assertThat(problem(response, 400, "invalid-parameter").get("parameter").asString())
          .isEqualTo("id");
    }
  }

  @Test
  void anUnknownQueryParameterIsA400() {
    assertThat(
            problem(http.get(RuleRoutes.RULES + "?name=x"), 400, "invalid-parameter")
                .get("parameter")
                .asString())
        .isEqualTo("name");
  }

  @Test
  void aBodyOverTheLimitIsTheUsual413() {
    try (ApiServer small =
        ApiServer.start(
            ApiTestSupport.config(0, 1024),
            db.jdbi(),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            () -> true,
            Clock.systemUTC())) {
      Http smallHttp = new Http(small).as(ApiTestSupport.ADMIN);
      String big = rule("big").replace("OOM kills in the shop namespaces", "x".repeat(2048));
      Http.Response response =
          smallHttp.send(
              HttpRequest.newBuilder(smallHttp.uri(RuleRoutes.RULES))
                  .POST(HttpRequest.BodyPublishers.ofString(big)));
      problem(response, 413, "content-too-large");
    }
    assertThat(http.ok(RuleRoutes.RULES).toString()).doesNotContain("\"big\"");
  }

  @Test
  void aBacktestNeedsAStoredRuleAndABoundedWindow() {
    long id = created(rule("backtest-validation")).get("id").asLong();
    String test = "/api/v1/alert-rules/" + id + "/test";

    problem(
        post(
            "/api/v1/alert-rules/987654/test?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z",
            ""),
        404,
        "not-found");
    assertThat(problem(post(test, ""), 400, "invalid-parameter").get("parameter").asString())
        .isEqualTo("from");
    assertThat(
            problem(post(test + "?from=2026-11-20T00:00:00Z", ""), 400, "invalid-parameter")
                .get("parameter")
                .asString())
        .isEqualTo("to");
    assertThat(
            problem(
                    post(test + "?from=yesterday&to=2026-11-21T00:00:00Z", ""),
                    400,
                    "invalid-parameter")
                .get("detail")
                .asString())
        .contains("RFC 3339");
    assertThat(
            problem(
                    post(test + "?from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z", ""),
                    400,
                    "invalid-parameter")
                .get("detail")
                .asString())
        .contains("empty");
    JsonNode tooLong =
        problem(
            post(test + "?from=2026-10-01T00:00:00Z&to=2026-11-21T00:00:00Z", ""),
            400,
            "invalid-parameter");
    assertThat(tooLong.get("detail").asString()).contains("at most 31 days").contains("51 days");
    problem(
        post(test + "?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z&rule=1", ""),
        400,
        "invalid-parameter");
    // deleted rules are not replayed
    delete("/api/v1/alert-rules/" + id);
    problem(
        post(test + "?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z", ""), 404, "not-found");
  }

  @Test
  void aBacktestAnswersTheAlertsTheRuleWouldHaveRaised() {
    String oneOom =
        rule("backtest-oom")
            .replace("\"threshold\": 2", "\"threshold\": 1")
            .replace("{\"regex\": \"shop-.*\"}", "\"shop\"")
            .replace(", \"labels\": {\"team\": \"payments\"}}", "}");
    long id = created(oneOom).get("id").asLong();

    // a read token may backtest: it changes nothing
    Http.Response response =
        http.send(
            HttpRequest.newBuilder(
                    http.uri(
                        "/api/v1/alert-rules/"
                            + id
                            + "/test?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z"))
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().get("window").asString()).isEqualTo("10m");
    JsonNode episodes = response.json().get("alerts");
    assertThat(episodes).hasSize(1);
    JsonNode episode = episodes.get(0);
    assertThat(episode.get("namespace").asString()).isEqualTo("shop");
    assertThat(episode.get("workloadKind").asString()).isEqualTo("Deployment");
    assertThat(episode.get("workloadName").asString()).isEqualTo("web");
    assertThat(episode.get("reason").asString()).isEqualTo("OOMKilled");
    assertThat(episode.get("startsAt").asString()).isEqualTo("2026-11-20T10:02:10Z");
    assertThat(episode.get("occurrences").asInt()).isEqualTo(1);
    assertThat(episode.get("first").get("container").asString())
        .isEqualTo(episode.get("last").get("container").asString());
  }
}
