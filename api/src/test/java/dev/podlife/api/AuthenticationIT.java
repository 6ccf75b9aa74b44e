package dev.podlife.api;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.podlife.analyzer.store.FactStore;
import dev.podlife.api.auth.Principal;
import dev.podlife.api.auth.Role;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static dev.podlife.api.ApiTestSupport.ADMIN;
import static dev.podlife.api.ApiTestSupport.READ;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route but health, readiness and metrics needs a token; a read token reads, only an admin
 * token changes. Over a real PostgreSQL with a seeded pod, plus test-only routes that change
 * nothing but need the admin role.
 */
@ExtendWith(PostgresExtension.class)
class AuthenticationIT {
  private static final String ADMIN_ROUTE = "/api/v1/test/admin-only";
  private static final String READ_POST_ROUTE = "/api/v1/test/read-post";
  private static final String ADMIN_GET_ROUTE = "/api/v1/test/admin-get";
  private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
  private static ApiServer server;
  private static Http anonymous;

  @BeforeAll
  static void seedAndStart(TestDatabase db) {
    LOG.start();
    root().addAppender(LOG);
    new FactStore(db.jdbi(), Clock.systemUTC())
        .append(StoredPods.crashLoopingWeb("east").offline());
    server =
        ApiServer.start(
            ApiTestSupport.config(),
            db.jdbi(),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            () -> true,
            Clock.systemUTC(),
            routes -> {
              // what the audit trail records as changed_by
              routes.post(
                  ADMIN_ROUTE, ctx -> ctx.json(Map.of("changedBy", Principal.of(ctx).tokenName())));
              routes.post(
                  READ_POST_ROUTE,
                  ctx -> ctx.json(Map.of("role", Principal.of(ctx).role())),
                  Role.READ);
              routes.get(ADMIN_GET_ROUTE, ctx -> ctx.json(Map.of()), Role.ADMIN);
            });
    anonymous = Http.anonymous(server);
  }

  @AfterAll
  static void stop() {
    ApiTestSupport.stop(server);
    root().detachAppender(LOG);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static void assertProblem(
      Http.Response response, int status, String type, String detailContains) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString()).isEqualTo("urn:podlife:problem:" + type);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("detail").asString()).contains(detailContains);
  }

  private static Http.Response post(Http http, String path) {
    return http.send(
        HttpRequest.newBuilder(http.uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  @Test
  void withoutATokenTheApiAndItsDocumentAre401WithABearerChallenge() {
    for (String path : List.of("/api/v1/pods", "/api/v1/openapi.json", "/api/v1/reports/startup")) {
      Http.Response response = anonymous.get(path);
      assertProblem(response, 401, "unauthorized", "Authorization: Bearer <token>");
      assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"podlife\"");
    }
    // unknown routes do not reveal themselves to strangers
    assertProblem(anonymous.get("/api/v1/secret"), 401, "unauthorized", "Authorization");
    assertProblem(anonymous.get("/"), 401, "unauthorized", "Authorization");
  }

  @Test
  void aWrongTokenIs401() {
    for (String path : List.of("/api/v1/pods", "/api/v1/openapi.json")) {
      assertProblem(
          anonymous.withToken("plt_not-a-token").get(path), 401, "unauthorized", "not valid");
      assertProblem(
          anonymous.withToken(READ.token() + "x").get(path), 401, "unauthorized", "not valid");
    }
    assertProblem(
        anonymous.withToken(" ").get("/api/v1/pods"), 401, "unauthorized", "Authorization: Bearer");
  }

  @Test
  void thePagesAsksABrowserForBasicCredentialsAndTakeTheTokenAsPassword() {
    for (String path : List.of("/ui", "/ui/pods/4d1f0e2a-7b3c-4e5d-9f60-0000000000a1")) {
      Http.Response missing = anonymous.get(path);
      assertProblem(missing, 401, "unauthorized", "any user name and the token as password");
      assertThat(missing.header("WWW-Authenticate")).isEqualTo("Basic realm=\"podlife\"");
      Http.Response wrong = anonymous.withBasic("me", "wrong").get(path);
      assertProblem(wrong, 401, "unauthorized", "not valid");
      assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Basic realm=\"podlife\"");

      Http.Response page = anonymous.withBasic("anyone", READ.token()).get(path);
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      assertThat(page.contentType()).startsWith("text/html");
      assertThat(new Http(server).get(path).status())
          .as("bearer works on the pages too")
          .isEqualTo(200);
    }
    // Basic is for browsers on the pages only; API clients send a bearer token
    assertProblem(
        anonymous.withBasic("me", READ.token()).get("/api/v1/pods"), 401, "unauthorized", "Bearer");
  }

  @Test
  void aReadTokenReadsEverything() {
    Http read = new Http(server);
    JsonNode pods = read.ok("/api/v1/pods");
    assertThat(pods.get("items").get(0).get("uid").asString())
        .isEqualTo("4d1f0e2a-7b3c-4e5d-9f60-0000000000a1");
    assertThat(read.ok("/api/v1/openapi.json").get("openapi").asString()).startsWith("3.1");
    assertThat(read.get("/api/v1/terminations").status()).isEqualTo(200);
    // authenticated callers learn that a route does not exist
    assertProblem(read.get("/api/v1/secret"), 404, "not-found", "No route");
  }

  @Test
  void aReadTokenOnAnAdminRouteIs403() {
    Http read = new Http(server);
    Http.Response post = post(read, ADMIN_ROUTE);
    assertProblem(
        post,
        403,
        "forbidden",
        "The token 'test-read' has role read; POST " + ADMIN_ROUTE + " needs admin");
    assertThat(post.json().get("requiredRole").asString()).isEqualTo("admin");
    assertProblem(
        read.get(ADMIN_GET_ROUTE), 403, "forbidden", "GET " + ADMIN_GET_ROUTE + " needs admin");
  }

  @Test
  void aRouteRegisteredWithTheReadRoleTakesAReadTokenWhateverItsMethod() {
    Http.Response post = post(new Http(server), READ_POST_ROUTE);
    assertThat(post.status()).as(post.toString()).isEqualTo(200);
    assertThat(post.json().get("role").asString()).isEqualTo("READ");
  }

  @Test
  void anAdminTokenPassesReadAndAdminRoutesAndIsRecordedByName() {
    Http admin = new Http(server).as(ADMIN);
    assertThat(admin.get("/api/v1/pods").status()).isEqualTo(200);
    assertThat(admin.withBasic("ops", ADMIN.token()).get("/ui").status()).isEqualTo(200);
    assertThat(admin.get(ADMIN_GET_ROUTE).status()).isEqualTo(200);
    Http.Response post = post(admin, ADMIN_ROUTE);
    assertThat(post.status()).as(post.toString()).isEqualTo(200);
    assertThat(post.json().get("changedBy").asString()).isEqualTo("test-admin");
  }

  @Test
  void healthReadinessAndMetricsStayOpen() {
    assertThat(anonymous.get("/healthz").status()).isEqualTo(200);
    assertThat(anonymous.get("/readyz").status()).isEqualTo(200);
    Http.Response metrics = anonymous.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("http_server_requests_seconds");
  }

  @Test
  void noTokenOrHashEverAppearsInTheConfigOrTheLog() {
    new Http(server).get("/api/v1/pods");
    anonymous.withToken(READ.token() + "x").get("/api/v1/pods");
    anonymous.withBasic("me", ADMIN.token() + "x").get("/ui");
    post(new Http(server), ADMIN_ROUTE);

    String config = ApiTestSupport.config().toString();
    assertThat(config).contains("test-read read", "test-admin admin");
    List<String> logged = LOG.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(logged).anySatisfy(line -> assertThat(line).contains("podlife API listening on"));
    for (String secret :
        List.of(READ.token(), ADMIN.token(), READ.entry().sha256(), ADMIN.entry().sha256())) {
      assertThat(config).doesNotContain(secret);
      assertThat(ApiTestSupport.tokens().toString()).doesNotContain(secret);
      assertThat(logged).noneSatisfy(line -> assertThat(line).contains(secret));
    }
    assertThat(READ.toString()).doesNotContain(READ.token());
  }
}
