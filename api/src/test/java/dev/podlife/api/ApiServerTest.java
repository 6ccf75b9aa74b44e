package dev.podlife.api;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.podlife.api.auth.ApiTokens;
import dev.podlife.events.FactSerde;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server's behaviour that needs no data: routing, problems, validation before any query,
 * probes, metrics. The database is one that refuses connections (nothing listens on port 1), a real
 * failure rather than a mock.
 */
class ApiServerTest {
  private final Jdbi unreachable =
      Jdbi.create("jdbc:postgresql://127.0.0.1:1/podlife?connectTimeout=2", "nobody", "none");
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicBoolean pipelineReady = new AtomicBoolean(true);
  private ApiServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Http start(long maxRequestBytes) {
    server =
        ApiServer.start(
            ApiTestSupport.config(0, maxRequestBytes),
            unreachable,
            registry,
            pipelineReady::get,
            Clock.systemUTC());
    return new Http(server);
  }

  private Http start() {
    return start(ApiConfig.DEFAULT_MAX_REQUEST_BYTES);
  }

  private static void assertProblem(
      Http.Response response, int status, String type, String detailContains) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString()).isEqualTo("urn:podlife:problem:" + type);
    assertThat(problem.get("title").asString()).isNotBlank();
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("detail").asString()).contains(detailContains);
    assertThat(problem.get("instance").asString()).startsWith("/");
  }

  @Test
  void bindsAFreePortWhenAskedForPortZero() {
    start();
    assertThat(server.port()).isPositive();
    assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
  }

  @Test
  void aTakenPortIsAnApiExceptionNamingIt() {
    start();
    assertThatThrownBy(
            () ->
                ApiServer.start(
                    ApiTestSupport.config(server.port(), 1024),
                    unreachable,
                    registry,
                    () -> true,
                    Clock.systemUTC()))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("Couldn't start the API on 127.0.0.1:" + server.port());
  }

  @Test
  void theOpenApiDocumentListsEveryRouteTheServerServes() throws Exception {
    Http http = start();
    JsonNode served = http.get("/api/v1/openapi.json").json();
    JsonNode resource;
    try (InputStream in = ApiServer.class.getResourceAsStream("/dev/podlife/api/openapi.json")) {
      resource = FactSerde.mapper().readTree(in);
    }
    assertThat(served).isEqualTo(resource);
    assertThat(served.get("openapi").asString()).startsWith("3.1");

    List<String> documented = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : served.get("paths").properties()) {
      for (String method : path.getValue().propertyNames()) {
        documented.add(method.toUpperCase() + " " + path.getKey());
      }
    }
    assertThat(server.routes()).hasSizeGreaterThanOrEqualTo(7);
    assertThat(documented).containsExactlyInAnyOrderElementsOf(server.routes());
  }

  @Test
  void healthAnswersWithoutTheDatabase() {
    Http.Response response = start().get("/healthz");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("status").asString()).isEqualTo("alive");
  }

  @Test
  void readinessIs503WhenTheDatabaseIsUnreachableOrThePipelineNotReady() {
    Http http = start();
    pipelineReady.set(false);
    Http.Response response = http.get("/readyz");
    assertProblem(response, 503, "not-ready", "not ready");
    assertThat(response.json().get("checks").get("database").asString()).isEqualTo("down");
    assertThat(response.json().get("checks").get("pipeline").asString()).isEqualTo("not ready");
  }

  @Test
  void aQueryWhileTheDatabaseIsUnreachableIs503() {
    assertProblem(start().get("/api/v1/pods"), 503, "database-unavailable", "database");
  }

  @Test
  void metricsAreInPrometheusTextFormatAndCountRequests() {
    Http http = start();
    http.get("/healthz");
    http.get("/nowhere");
    Http.Response metrics = http.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.contentType()).startsWith("text/plain");
    assertThat(metrics.body())
        .contains("# TYPE http_server_requests_seconds summary")
        .contains("uri=\"/healthz\"")
        .contains("uri=\"NOT_FOUND\"")
        .doesNotContain("/nowhere");
  }

  @Test
  void unknownRoutesAre404Problems() {
    Http http = start();
    assertProblem(
        http.get("/api/v1/nothing-here"), 404, "not-found", "No route GET /api/v1/nothing-here");
    assertProblem(http.get("/"), 404, "not-found", "/api/v1/openapi.json");
  }

  @Test
  void anotherMethodOnAKnownPathIs405() {
    Http http = start();
    Http.Response response = http.send(HttpRequest.newBuilder(http.uri("/api/v1/pods")).DELETE());
    assertProblem(
        response, 405, "method-not-allowed", "DELETE is not served on /api/v1/pods; allowed: GET");
    assertThat(response.raw().headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void requestsJettyRejectsBeforeRoutingAreProblemsToo() throws Exception {
    start();
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket
          .getOutputStream()
          .write(
              ("GET /api/v1/%2e%2e/%2e%2e/etc HTTP/1.1\r\nHost: x\r\nX-Big: "
                      + "a".repeat(20000)
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes());
      String answer =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(answer)
          .startsWith("HTTP/1.1 431")
          .contains("Content-Type: application/problem+json");
      assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4))
          .startsWith("{")
          .contains("\"status\":431")
          .doesNotContain("<html");
    }
  }

  @Test
  void limitsOutOfRangeOrNotNumbersAre400() {
    Http http = start();
    assertProblem(
        http.get("/api/v1/pods?limit=0"),
        400,
        "invalid-parameter",
        "'limit' must be from 1 to 1000");
    assertProblem(http.get("/api/v1/pods?limit=1001"), 400, "invalid-parameter", "not 1001");
    assertProblem(
        http.get("/api/v1/pods?limit=ten"), 400, "invalid-parameter", "must be an integer");
    assertThat(http.get("/api/v1/pods?limit=0").json().get("parameter").asString())
        .isEqualTo("limit");
    assertProblem(
        http.get("/api/v1/pods/u1/history?limit=10001"), 400, "invalid-parameter", "'limit'");
  }

  @Test
  void malformedCursorsAre400() {
    Http http = start();
    assertProblem(
        http.get("/api/v1/pods?cursor=%21%21%21"),
        400,
        "invalid-parameter",
        "'cursor' is not a cursor this API issued");
    assertProblem(
        http.get("/api/v1/pods?cursor=bm90IGpzb24"), 400, "invalid-parameter", "'cursor'");
    // a history cursor is not a listing cursor
    assertProblem(
        http.get("/api/v1/pods?cursor=WyIyMDI2LTExLTI1VDE3OjAwOjAwWiIsMV0"),
        400,
        "invalid-parameter",
        "'cursor'");
    assertProblem(
        http.get("/api/v1/pods/u1/history?cursor=WyJhIiwiYiIsImMiLCJkIl0"),
        400,
        "invalid-parameter",
        "'cursor'");
  }

  @Test
  void unknownRepeatedOrEmptyParametersAndUnknownValuesAre400() {
    Http http = start();
    assertProblem(
        http.get("/api/v1/pods?namepsace=x"),
        400,
        "invalid-parameter",
        "Unknown query parameter 'namepsace'");
    assertProblem(
        http.get("/api/v1/pods?cluster=a&cluster=b"), 400, "invalid-parameter", "given 2 times");
    assertProblem(http.get("/api/v1/pods?namespace="), 400, "invalid-parameter", "is empty");
    assertProblem(
        http.get("/api/v1/pods?phase=running"), 400, "invalid-parameter", "'phase' must be one of");
    assertProblem(
        http.get("/api/v1/pods?deleted=maybe"),
        400,
        "invalid-parameter",
        "'deleted' must be one of any, false, true");
    assertProblem(
        http.get("/api/v1/pods?workload=Deployment/"), 400, "invalid-parameter", "Kind/name");
    assertProblem(
        http.get("/api/v1/pods/u1?from=x"),
        400,
        "invalid-parameter",
        "Unknown query parameter 'from'");
  }

  @Test
  void badTimeWindowsAre400() {
    Http http = start();
    assertProblem(
        http.get("/api/v1/pods/u1/history?from=yesterday"), 400, "invalid-parameter", "RFC 3339");
    assertProblem(
        http.get("/api/v1/pods/u1/history?from=2026-11-25T18:00:00Z&to=2026-11-25T17:00:00Z"),
        400,
        "invalid-parameter",
        "must be before 'to'");
    assertProblem(
        http.get("/api/v1/pods/u1/history?from=2026-11-25T17:00:00Z&to=2026-11-25T17:00:00Z"),
        400,
        "invalid-parameter",
        "empty");
  }

  @Test
  void requestBodiesOverTheLimitAre413() {
    Http http = start(1024);
    Http.Response response =
        http.send(
            HttpRequest.newBuilder(http.uri("/api/v1/pods"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(2048))));
    assertProblem(response, 413, "content-too-large", "at most 1024");
  }

  @Test
  void anApiWithoutTokensIsRefused() {
    assertThatThrownBy(() -> new ApiConfig("127.0.0.1", 0, ApiTokens.of(), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one token");
  }
}
