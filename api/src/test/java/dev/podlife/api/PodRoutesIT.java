package dev.podlife.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.podlife.events.Workload;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The API over projections in a real, migrated PostgreSQL, seeded once for the class. */
@ExtendWith(PostgresExtension.class)
class PodRoutesIT {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final Workload WEB = new Workload("Deployment", "web");
  private static final int LOAD_PODS = 237;

  private static final AtomicBoolean pipelineReady = new AtomicBoolean(true);
  private static ApiServer server;
  private static Http http;
  private static List<Long> historyFactIds;

  @BeforeAll
  static void seedAndStart(TestDatabase db) {
    ProjectionSeed seed = new ProjectionSeed(db.jdbi());
    seed.running("east", "shop", "web-1", "uid-web-1", WEB, T0);
    seed.running("east", "shop", "web-2", "uid-web-2", WEB, T0.plusSeconds(10));
    seed.pod("east", "shop", "db-0", "uid-db-0", new Workload("StatefulSet", "db"))
        .observed(T0, "node-2")
        .phase(T0.plusSeconds(1), "Pending", "ContainerCreating", "0/1")
        .write();
    seed.pod("east", "shop", "migrate-x7", "uid-migrate", new Workload("Job", "migrate"))
        .observed(T0, "node-2")
        .phase(T0.plusSeconds(30), "Succeeded", "Completed", "0/1")
        .deleted(T0.plusSeconds(60), "Completed")
        .write();
    seed.pod("east", "kube-system", "debug", "uid-debug", null)
        .observed(T0, "node-1")
        .phase(T0.plusSeconds(5), "Failed", "Error", "0/1")
        .write();
    // the same UID in two clusters (a restored backup, a copied manifest with a fixed uid in a test
    // cluster…)
    seed.running("west", "shop", "web-1", "uid-twin", WEB, T0);
    seed.running("east", "shop", "twin", "uid-twin", null, T0);
    // a history with facts stored out of time order and two facts at the same instant
    historyFactIds =
        seed.pod("east", "shop", "crashy", "uid-crashy", new Workload("Deployment", "crashy"))
            .containerRunning(T0.plusSeconds(20), "Running", "1/1", 1)
            .observed(T0, "node-3")
            .phase(T0.plusSeconds(10), "Running", "Running", "0/1")
            .ready(T0.plusSeconds(10), "Running", "0/1")
            .containerRunning(T0.plusSeconds(40), "CrashLoopBackOff", "0/1", 2)
            .write();
    // a snapshot this build cannot read: the pod route fails, and must say so without leaking
    // internals
    seed.running("east", "broken", "bad-snapshot", "uid-bad-snapshot", null, T0);
    db.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "UPDATE pod SET snapshot = '{\"pod\": 42}' WHERE uid = 'uid-bad-snapshot'"));
    for (int i = 0; i < LOAD_PODS; i++) {
      seed.running(
          "load",
          "ns-" + (i % 3),
          String.format("pod-%03d", i),
          "uid-load-" + i,
          WEB,
          T0.plusSeconds(i));
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    server = ApiTestSupport.start(db.jdbi(), registry, pipelineReady::get);
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static JsonNode ok(String pathAndQuery) {
    Http.Response response = http.get(pathAndQuery);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/json");
    return response.json();
  }

  private static List<String> names(JsonNode page) {
    return StreamSupport.stream(page.get("items").spliterator(), false)
        .map(p -> p.get("name").asString())
        .toList();
  }

  private static List<String> field(JsonNode array, Function<JsonNode, String> value) {
    return StreamSupport.stream(array.spliterator(), false).map(value).toList();
  }

  @Test
  void listsPodsInClusterNamespaceNameOrderWithTheirColumns() {
    JsonNode page = ok("/api/v1/pods?cluster=east&deleted=any");
    assertThat(names(page))
        .containsExactly(
            "bad-snapshot", "debug", "crashy", "db-0", "migrate-x7", "twin", "web-1", "web-2");
    assertThat(page.get("nextCursor").isNull()).isTrue();
    JsonNode web1 = page.get("items").get(6);
    assertThat(web1.get("cluster").asString()).isEqualTo("east");
    assertThat(web1.get("namespace").asString()).isEqualTo("shop");
    assertThat(web1.get("uid").asString()).isEqualTo("uid-web-1");
    assertThat(web1.get("phase").asString()).isEqualTo("Running");
    assertThat(web1.get("node").asString()).isEqualTo("node-1");
    assertThat(web1.get("workload").get("kind").asString()).isEqualTo("Deployment");
    assertThat(web1.get("workload").get("name").asString()).isEqualTo("web");
    assertThat(web1.get("status").asString()).isEqualTo("Running");
    assertThat(web1.get("ready").asString()).isEqualTo("1/1");
    assertThat(web1.get("restarts").asInt()).isZero();
    assertThat(web1.get("createdAt").asString()).isEqualTo("2026-11-25T10:00:00Z");
    assertThat(web1.get("deletionRequestedAt").isNull()).isTrue();
    assertThat(web1.get("deletedAt").isNull()).isTrue();
    assertThat(web1.get("updatedAt").asString()).isEqualTo("2026-11-25T10:00:03Z");
    JsonNode debug = page.get("items").get(1);
    assertThat(debug.has("workload")).isTrue();
    assertThat(debug.get("workload").isNull()).isTrue();
  }

  @Test
  void filtersByEachParameter() {
    assertThat(names(ok("/api/v1/pods?cluster=west"))).containsExactly("web-1");
    assertThat(names(ok("/api/v1/pods?cluster=east&namespace=kube-system")))
        .containsExactly("debug");
    assertThat(field(ok("/api/v1/pods?name=web-1").get("items"), p -> p.get("cluster").asString()))
        .containsExactly("east", "west");
    assertThat(names(ok("/api/v1/pods?cluster=east&workload=Deployment/web")))
        .containsExactly("web-1", "web-2");
    assertThat(names(ok("/api/v1/pods?cluster=east&workload=db"))).containsExactly("db-0");
    assertThat(names(ok("/api/v1/pods?workload=StatefulSet/web"))).isEmpty();
    assertThat(names(ok("/api/v1/pods?phase=Failed"))).containsExactly("debug");
    assertThat(names(ok("/api/v1/pods?status=ContainerCreating"))).containsExactly("db-0");
    assertThat(names(ok("/api/v1/pods?status=CrashLoopBackOff"))).containsExactly("crashy");
    assertThat(names(ok("/api/v1/pods?deleted=true"))).containsExactly("migrate-x7");
    assertThat(names(ok("/api/v1/pods?cluster=east")))
        .as("default: existing pods only")
        .doesNotContain("migrate-x7")
        .hasSize(7);
    assertThat(names(ok("/api/v1/pods?cluster=east&deleted=false")))
        .doesNotContain("migrate-x7")
        .hasSize(7);
    assertThat(names(ok("/api/v1/pods?cluster=east&deleted=any")))
        .contains("migrate-x7")
        .hasSize(8);
    JsonNode deleted = ok("/api/v1/pods?deleted=true").get("items").get(0);
    assertThat(deleted.get("deletedAt").asString()).isEqualTo("2026-11-25T10:01:00Z");
    assertThat(
            names(
                ok(
                    "/api/v1/pods?cluster=east&namespace=shop&workload=Deployment/web&phase=Running&status=Running&deleted=false&name=web-2")))
        .containsExactly("web-2");
  }

  @Test
  void walksEveryPageWithoutDuplicatesOrGaps() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          ok("/api/v1/pods?cluster=load&limit=10" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.get("items").size()).isLessThanOrEqualTo(10);
      seen.addAll(field(page.get("items"), p -> p.get("uid").asString()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
      if (cursor != null) {
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
      }
      pages++;
    } while (cursor != null && pages < 100);
    assertThat(pages).isEqualTo((LOAD_PODS + 9) / 10);
    assertThat(new HashSet<>(seen)).hasSize(LOAD_PODS);
    assertThat(seen).hasSize(LOAD_PODS);
    // the same order as one big page
    JsonNode all = ok("/api/v1/pods?cluster=load&limit=1000");
    assertThat(field(all.get("items"), p -> p.get("uid").asString())).isEqualTo(seen);
    assertThat(all.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void aPageThatEndsExactlyAtTheLastPodStillSaysWhetherMoreFollow() {
    JsonNode first = ok("/api/v1/pods?cluster=east&deleted=any&limit=8");
    assertThat(first.get("items").size()).isEqualTo(8);
    assertThat(first.get("nextCursor").isNull()).isTrue();
    JsonNode seven = ok("/api/v1/pods?cluster=east&deleted=any&limit=7");
    JsonNode rest =
        ok(
            "/api/v1/pods?cluster=east&deleted=any&limit=7&cursor="
                + seven.get("nextCursor").asString());
    assertThat(names(rest)).containsExactly("web-2");
    assertThat(rest.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void theDefaultPageHoldsOneHundredPods() {
    JsonNode page = ok("/api/v1/pods?cluster=load");
    assertThat(page.get("items").size()).isEqualTo(100);
    assertThat(page.get("nextCursor").isNull()).isFalse();
  }

  @Test
  void showsOnePodWithItsContainersAndConditions() {
    JsonNode pod = ok("/api/v1/pods/uid-web-1");
    assertThat(pod.get("cluster").asString()).isEqualTo("east");
    assertThat(pod.get("name").asString()).isEqualTo("web-1");
    assertThat(pod.get("status").asString()).isEqualTo("Running");
    assertThat(pod.get("workload").get("name").asString()).isEqualTo("web");
    assertThat(pod.get("labels").get("app").asString()).isEqualTo("web-1");
    JsonNode container = pod.get("containers").get(0);
    assertThat(container.get("name").asString()).isEqualTo("app");
    assertThat(container.get("kind").asString()).isEqualTo("REGULAR");
    assertThat(container.get("state").asString()).isEqualTo("running");
    assertThat(container.get("since").asString()).isEqualTo("2026-11-25T10:00:02Z");
    assertThat(container.get("ready").asBoolean()).isTrue();
    assertThat(container.get("image").asString()).isEqualTo("nginx:1.27");
    JsonNode condition = pod.get("conditions").get(0);
    assertThat(condition.get("type").asString()).isEqualTo("Ready");
    assertThat(condition.get("status").asString()).isEqualTo("True");
  }

  @Test
  void anInternalFailureIsA500ProblemWithAReferenceAndNoInternals() {
    Http.Response response = http.get("/api/v1/pods/uid-bad-snapshot");
    assertThat(response.status()).isEqualTo(500);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString()).isEqualTo("urn:podlife:problem:internal-error");
    String reference = problem.get("reference").asString();
    assertThat(problem.get("detail").asString()).contains(reference);
    assertThat(response.body())
        .doesNotContain("Exception")
        .doesNotContain("dev.podlife")
        .doesNotContain("Couldn't read")
        .doesNotContain("\tat ");
  }

  @Test
  void anUnknownUidIs404() {
    Http.Response response = http.get("/api/v1/pods/no-such-uid");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("detail").asString()).isEqualTo("No pod with UID no-such-uid");
    assertThat(response.json().get("instance").asString()).isEqualTo("/api/v1/pods/no-such-uid");
    assertThat(http.get("/api/v1/pods/no-such-uid/history").status()).isEqualTo(404);
    assertThat(http.get("/api/v1/pods/uid-web-1?cluster=west").status()).isEqualTo(404);
    // a pod asked in a cluster it is not known in has no (empty) history there
    Http.Response history = http.get("/api/v1/pods/uid-web-1/history?cluster=west");
    assertThat(history.status()).isEqualTo(404);
    assertThat(history.json().get("detail").asString())
        .isEqualTo("No pod with UID uid-web-1 in cluster west");
  }

  @Test
  void aUidInSeveralClustersIs409UntilAClusterIsGiven() {
    Http.Response response = http.get("/api/v1/pods/uid-twin");
    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().get("type").asString())
        .isEqualTo("urn:podlife:problem:ambiguous-pod");
    assertThat(field(response.json().get("clusters"), JsonNode::asString))
        .containsExactly("east", "west");
    assertThat(response.json().get("detail").asString())
        .contains("east, west")
        .contains("?cluster=");
    assertThat(http.get("/api/v1/pods/uid-twin/history").status()).isEqualTo(409);

    assertThat(ok("/api/v1/pods/uid-twin?cluster=west").get("name").asString()).isEqualTo("web-1");
    assertThat(ok("/api/v1/pods/uid-twin?cluster=east").get("name").asString()).isEqualTo("twin");
    assertThat(ok("/api/v1/pods/uid-twin/history?cluster=west").get("cluster").asString())
        .isEqualTo("west");
  }

  @Test
  void historyIsInTimeOrderWithTheFactPayload() {
    JsonNode history = ok("/api/v1/pods/uid-crashy/history");
    assertThat(history.get("cluster").asString()).isEqualTo("east");
    assertThat(history.get("uid").asString()).isEqualTo("uid-crashy");
    JsonNode items = history.get("items");
    assertThat(field(items, e -> e.get("type").asString()))
        .containsExactly(
            "PodObserved",
            "PhaseChanged",
            "ConditionChanged",
            "ContainerStateChanged",
            "ContainerStateChanged");
    assertThat(field(items, e -> e.get("at").asString()))
        .containsExactly(
            "2026-11-25T10:00:00Z",
            "2026-11-25T10:00:10Z",
            "2026-11-25T10:00:10Z",
            "2026-11-25T10:00:20Z",
            "2026-11-25T10:00:40Z");
    // same instant: the fact stored first comes first
    assertThat(items.get(1).get("factId").asLong()).isEqualTo(historyFactIds.get(2));
    assertThat(items.get(2).get("factId").asLong()).isEqualTo(historyFactIds.get(3));
    JsonNode last = items.get(4);
    assertThat(last.get("subject").asString()).isEqualTo("app");
    assertThat(last.get("summary").asString()).isEqualTo("ContainerStateChanged app");
    assertThat(last.get("status").asString()).isEqualTo("CrashLoopBackOff");
    assertThat(last.get("ready").asString()).isEqualTo("0/1");
    assertThat(last.get("restarts").asInt()).isEqualTo(2);
    assertThat(last.get("fact").isObject()).isTrue();
    assertThat(last.get("fact").get("type").asString()).isEqualTo("ContainerStateChanged");
    assertThat(last.get("fact").get("container").get("restartCount").asInt()).isEqualTo(2);
    assertThat(history.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void historyWindowIncludesFromAndExcludesTo() {
    String from = URLEncoder.encode("2026-11-25T10:00:10Z", StandardCharsets.UTF_8);
    String to = URLEncoder.encode("2026-11-25T11:00:40+01:00", StandardCharsets.UTF_8);
    JsonNode items = ok("/api/v1/pods/uid-crashy/history?from=" + from + "&to=" + to).get("items");
    assertThat(field(items, e -> e.get("at").asString()))
        .containsExactly("2026-11-25T10:00:10Z", "2026-11-25T10:00:10Z", "2026-11-25T10:00:20Z");
    assertThat(ok("/api/v1/pods/uid-crashy/history?from=2026-11-25T10:00:41Z").get("items").size())
        .isZero();
    assertThat(
            ok("/api/v1/pods/uid-crashy/history?to=2026-11-25T10:00:00.001Z").get("items").size())
        .isEqualTo(1);
  }

  @Test
  void historyPagesContinueAfterFactsAtTheSameInstant() {
    List<Long> ids = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          ok(
              "/api/v1/pods/uid-crashy/history?limit=2"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      page.get("items").forEach(e -> ids.add(e.get("factId").asLong()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    } while (cursor != null);
    List<Long> all = new ArrayList<>();
    ok("/api/v1/pods/uid-crashy/history")
        .get("items")
        .forEach(e -> all.add(e.get("factId").asLong()));
    assertThat(ids).isEqualTo(all).hasSize(5);
  }

  @Test
  void readinessFollowsTheDatabaseAndThePipeline() {
    JsonNode ready = ok("/readyz");
    assertThat(ready.get("status").asString()).isEqualTo("ready");
    assertThat(ready.get("checks").get("database").asString()).isEqualTo("up");
    pipelineReady.set(false);
    try {
      Http.Response notReady = http.get("/readyz");
      assertThat(notReady.status()).isEqualTo(503);
      assertThat(notReady.json().get("checks").get("database").asString()).isEqualTo("up");
      assertThat(notReady.json().get("checks").get("pipeline").asString()).isEqualTo("not ready");
    } finally {
      pipelineReady.set(true);
    }
  }

  @Test
  void metricsNameRouteTemplatesNotUids() {
    ok("/api/v1/pods/uid-web-2");
    String metrics = http.get("/metrics").body();
    assertThat(metrics).contains("uri=\"/api/v1/pods/{uid}\"").doesNotContain("uid-web-2");
  }

  @Test
  void lookupsByUidHaveAnIndex(TestDatabase db) {
    Set<String> indexes =
        Set.copyOf(
            db.jdbi()
                .withHandle(
                    h ->
                        h.createQuery("SELECT indexname FROM pg_indexes WHERE tablename = 'pod'")
                            .mapTo(String.class)
                            .list()));
    assertThat(indexes).contains("pod_by_uid", "pod_listing");
  }
}
