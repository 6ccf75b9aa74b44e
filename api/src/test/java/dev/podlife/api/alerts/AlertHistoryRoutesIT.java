package dev.podlife.api.alerts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.alerts.rules.RuleSpecs;
import dev.podlife.alerts.rules.RuleStore;
import dev.podlife.api.ApiServer;
import dev.podlife.api.ApiTestSupport;
import dev.podlife.api.Http;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static dev.podlife.api.ApiTestSupport.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert history and the deliveries over alert and alert_notification rows as evaluation and
 * delivery write them (seeded with SQL: those writers live in other packages), in a real
 * PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class AlertHistoryRoutesIT {
  private static final String UID = "4d1f0e2a-7b3c-4e5d-9f60-0000000000a1";
  private static final String OTHER_UID = "4d1f0e2a-7b3c-4e5d-9f60-0000000000a2";
  private static ApiServer server;
  private static Http http;
  private static long oomRule;
  private static long slowRule;
  private static long oomFiring;
  private static long oomResolved;
  private static long slowFiring;
  private static long slowResolved;

  @BeforeAll
  static void seedAndStart(TestDatabase db) {
    RuleStore rules = new RuleStore(db.jdbi(), Clock.systemUTC());
    oomRule =
        rules
            .create(
                RuleSpecs.parse(
                    """
                    {"name": "oom", "condition": {"type": "termination_reason", "reasons": ["OOMKilled"]}, "window": "10m",
                     "severity": "critical"}\
                    """,
                    null),
                "seed")
            .id();
    slowRule =
        rules
            .create(
                RuleSpecs.parse(
                    """
                    {"name": "slow-startup", "condition": {"type": "startup_p99", "latency": "30s"}, "window": "1h", "threshold": 5}\
                    """,
                    null),
                "seed")
            .id();
    db.jdbi()
        .useHandle(
            h -> {
              oomFiring =
                  alert(
                      h,
                      oomRule,
                      "oom",
                      "firing",
                      "east",
                      "shop",
                      "Deployment",
                      "web",
                      "OOMKilled",
                      "critical",
                      "2026-11-20T10:02:10Z",
                      null,
                      3,
                      "2026-11-20T10:09:00Z",
                      UID,
                      "web-6d4b9c7f8-k2x9q",
                      "app",
                      OTHER_UID,
                      "web-6d4b9c7f8-zz9zz",
                      "app",
                      null);
              oomResolved =
                  alert(
                      h,
                      oomRule,
                      "oom",
                      "resolved",
                      "east",
                      "shop",
                      "Deployment",
                      "web",
                      "OOMKilled",
                      "critical",
                      "2026-11-20T09:00:00Z",
                      "2026-11-20T09:30:00Z",
                      1,
                      "2026-11-20T09:00:00Z",
                      UID,
                      "web-6d4b9c7f8-k2x9q",
                      "app",
                      UID,
                      "web-6d4b9c7f8-k2x9q",
                      "app",
                      null);
              slowFiring =
                  alert(
                      h,
                      slowRule,
                      "slow-startup",
                      "firing",
                      "east",
                      "billing",
                      "StatefulSet",
                      "ledger",
                      "StartupLatency",
                      "warning",
                      "2026-11-20T11:00:00Z",
                      null,
                      7,
                      "2026-11-20T11:20:00Z",
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      45_000.0);
              slowResolved =
                  alert(
                      h,
                      slowRule,
                      "slow-startup",
                      "resolved",
                      "west",
                      "billing",
                      "StatefulSet",
                      "ledger",
                      "StartupLatency",
                      "warning",
                      "2026-11-19T08:00:00Z",
                      "2026-11-19T09:00:00Z",
                      5,
                      "2026-11-19T08:40:00Z",
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      31_000.0);
              notification(
                  h,
                  oomFiring,
                  "webhook",
                  "https://bot:hunter2@hooks.example/podlife?token=abc#x",
                  "firing",
                  "delivered",
                  1,
                  200,
                  null,
                  "2026-11-20T10:02:11Z",
                  "2026-11-20T10:02:12Z");
              notification(
                  h,
                  oomFiring,
                  "alertmanager",
                  "http://alertmanager.example:9093/api/v2/alerts",
                  "firing",
                  "failed",
                  8,
                  503,
                  "503 Service Unavailable from http://alertmanager.example:9093/api/v2/alerts",
                  "2026-11-20T10:02:13Z",
                  null);
              notification(
                  h,
                  slowFiring,
                  "webhook",
                  "https://bot:hunter2@hooks.example/podlife?token=abc",
                  "firing",
                  "failed",
                  8,
                  null,
                  "connect timed out: https://bot:hunter2@hooks.example/podlife?token=abc",
                  "2026-11-20T11:00:01Z",
                  null);
              notification(
                  h,
                  slowFiring,
                  "alertmanager",
                  "http://alertmanager.example:9093/api/v2/alerts",
                  "firing",
                  "pending",
                  2,
                  500,
                  "500 Internal Server Error",
                  "2026-11-20T11:00:02Z",
                  null);
            });
    server = ApiTestSupport.start(db.jdbi());
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    ApiTestSupport.stop(server);
  }

  private static long alert(
      Handle h,
      long ruleId,
      String ruleName,
      String state,
      String cluster,
      String namespace,
      String kind,
      String workload,
      String reason,
      String severity,
      String startsAt,
      String endsAt,
      int occurrences,
      String lastAt,
      String podUid,
      String pod,
      String container,
      String lastPodUid,
      String lastPod,
      String lastContainer,
      Double value) {
    return h.createUpdate(
            """
            INSERT INTO alert (rule_id, rule_version, rule_name, fingerprint, cluster, namespace, workload_kind,
                               workload_name, reason, severity, state, starts_at, ends_at, occurrences, last_at, pod_uid,
                               pod_name, container, last_pod_uid, last_pod_name, last_container, value, labels, annotations)
            VALUES (:rule, 1, :ruleName, md5(:cluster || :namespace || :kind || :workload || :reason), :cluster, :namespace,
                    :kind, :workload, :reason, :severity, :state, CAST(:startsAt AS timestamptz),
                    CAST(:endsAt AS timestamptz), :occurrences, CAST(:lastAt AS timestamptz), :podUid, :pod, :container,
                    :lastPodUid, :lastPod, :lastContainer, :value,
                    jsonb_build_object('alertname', :ruleName, 'severity', :severity, 'namespace', :namespace),
                    jsonb_build_object('summary', :reason || ' in ' || :workload))\
            """)
        .bind("rule", ruleId)
        .bind("ruleName", ruleName)
        .bind("state", state)
        .bind("cluster", cluster)
        .bind("namespace", namespace)
        .bind("kind", kind)
        .bind("workload", workload)
        .bind("reason", reason)
        .bind("severity", severity)
        .bind("startsAt", startsAt)
        .bind("endsAt", endsAt)
        .bind("occurrences", occurrences)
        .bind("lastAt", lastAt)
        .bind("podUid", podUid)
        .bind("pod", pod)
        .bind("container", container)
        .bind("lastPodUid", lastPodUid)
        .bind("lastPod", lastPod)
        .bind("lastContainer", lastContainer)
        .bind("value", value)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  private static void notification(
      Handle h,
      long alertId,
      String kind,
      String url,
      String status,
      String state,
      int attempts,
      Integer lastStatus,
      String lastError,
      String createdAt,
      String deliveredAt) {
    h.createUpdate(
            """
            INSERT INTO alert_notification (alert_id, receiver_kind, receiver_url, status, state, attempts, last_status,
                                            last_error, created_at, next_attempt_at, delivered_at)
            VALUES (:alert, :kind, :url, :status, :state, :attempts, :lastStatus, :lastError,
                    CAST(:createdAt AS timestamptz), CAST(:createdAt AS timestamptz) + interval '1 minute',
                    CAST(:deliveredAt AS timestamptz))\
            """)
        .bind("alert", alertId)
        .bind("kind", kind)
        .bind("url", url)
        .bind("status", status)
        .bind("state", state)
        .bind("attempts", attempts)
        .bind("lastStatus", lastStatus)
        .bind("lastError", lastError)
        .bind("createdAt", createdAt)
        .bind("deliveredAt", deliveredAt)
        .execute();
  }

  private static List<Long> ids(JsonNode page) {
    List<Long> ids = new ArrayList<>();
    page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
    return ids;
  }

  private static JsonNode problem(String pathAndQuery, String parameter) {
    Http.Response response = http.get(pathAndQuery);
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString()).isEqualTo("urn:podlife:problem:invalid-parameter");
    assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
    return problem;
  }

  @Test
  void listsAlertsNewestFirstWithTheirRuleGroupPodsAndLinks() {
    JsonNode page = http.ok("/api/v1/alerts");

    assertThat(ids(page)).containsExactly(slowFiring, oomFiring, oomResolved, slowResolved);
    assertThat(page.get("nextCursor").isNull()).isTrue();
    JsonNode oom = page.get("items").get(1);
    assertThat(oom.get("rule").get("id").asLong()).isEqualTo(oomRule);
    assertThat(oom.get("rule").get("name").asString()).isEqualTo("oom");
    assertThat(oom.get("rule").get("version").asInt()).isEqualTo(1);
    assertThat(oom.get("state").asString()).isEqualTo("firing");
    assertThat(oom.get("severity").asString()).isEqualTo("critical");
    JsonNode group = oom.get("group");
    assertThat(
            List.of(
                group.get("cluster").asString(),
                group.get("namespace").asString(),
                group.get("workloadKind").asString(),
                group.get("workloadName").asString(),
                group.get("reason").asString()))
        .containsExactly("east", "shop", "Deployment", "web", "OOMKilled");
    assertThat(oom.get("startsAt").asString()).isEqualTo("2026-11-20T10:02:10Z");
    assertThat(oom.get("endsAt").isNull()).isTrue();
    assertThat(oom.get("occurrences").asInt()).isEqualTo(3);
    assertThat(oom.get("lastAt").asString()).isEqualTo("2026-11-20T10:09:00Z");
    assertThat(oom.get("first").get("uid").asString()).isEqualTo(UID);
    assertThat(oom.get("first").get("pod").asString()).isEqualTo("web-6d4b9c7f8-k2x9q");
    assertThat(oom.get("first").get("container").asString()).isEqualTo("app");
    assertThat(oom.get("last").get("pod").asString()).isEqualTo("web-6d4b9c7f8-zz9zz");
    assertThat(oom.get("value").isNull()).isTrue();
    assertThat(oom.get("labels").get("alertname").asString()).isEqualTo("oom");
    assertThat(oom.get("annotations").get("summary").asString()).isEqualTo("OOMKilled in web");
    assertThat(oom.get("links").get("rule").asString()).isEqualTo("/api/v1/alert-rules/" + oomRule);
    assertThat(oom.get("links").get("timeline").asString())
        .isEqualTo("/ui/pods/" + UID + "?cluster=east");
    assertThat(oom.get("links").get("lastTimeline").asString())
        .isEqualTo("/ui/pods/" + OTHER_UID + "?cluster=east");

    JsonNode slow = page.get("items").get(0);
    assertThat(slow.get("value").asDouble()).isEqualTo(45_000.0);
    assertThat(slow.get("first").isNull()).isTrue();
    assertThat(slow.get("last").isNull()).isTrue();
    assertThat(slow.get("links").get("timeline").isNull()).isTrue();
    assertThat(page.get("items").get(2).get("endsAt").asString()).isEqualTo("2026-11-20T09:30:00Z");
  }

  @Test
  void filtersByStateRuleClusterNamespaceAndStartWindow() {
    assertThat(ids(http.ok("/api/v1/alerts?state=firing"))).containsExactly(slowFiring, oomFiring);
    assertThat(ids(http.ok("/api/v1/alerts?state=resolved")))
        .containsExactly(oomResolved, slowResolved);
    assertThat(ids(http.ok("/api/v1/alerts?rule=" + oomRule)))
        .containsExactly(oomFiring, oomResolved);
    assertThat(ids(http.ok("/api/v1/alerts?namespace=billing&cluster=east")))
        .containsExactly(slowFiring);
    assertThat(ids(http.ok("/api/v1/alerts?from=2026-11-20T09:00:00Z&to=2026-11-20T11:00:00Z")))
        .containsExactly(oomFiring, oomResolved);
    assertThat(
            ids(
                http.ok(
                    "/api/v1/alerts?state=resolved&rule=" + slowRule + "&to=2026-11-20T00:00:00Z")))
        .containsExactly(slowResolved);
    assertThat(http.ok("/api/v1/alerts?rule=987654").get("items")).isEmpty();
  }

  @Test
  void pagesWalkEveryAlertOnceWithKeysetCursors() {
    List<Long> walked = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          http.ok("/api/v1/alerts?limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
      walked.addAll(ids(page));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
      pages++;
    } while (cursor != null);

    assertThat(walked).containsExactly(slowFiring, oomFiring, oomResolved, slowResolved);
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void badAlertParametersAre400NamingTheParameter() {
    assertThat(problem("/api/v1/alerts?state=pending", "state").get("detail").asString())
        .contains("firing, resolved");
    problem("/api/v1/alerts?rule=oom", "rule");
    problem("/api/v1/alerts?from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z", "to");
    problem("/api/v1/alerts?cursor=not-a-cursor", "cursor");
    problem("/api/v1/alerts?limit=0", "limit");
    problem("/api/v1/alerts?severity=critical", "severity");
  }

  @Test
  void failedDeliveriesAreTheDeadLettersWithoutCredentialsInTheirUrls() {
    Http.Response response = http.get("/api/v1/alerts/deliveries?failed=true");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode failed = response.json().get("items");

    assertThat(field(failed, "state")).containsExactly("failed", "failed");
    assertThat(failed.get(0).get("alertId").asLong()).isEqualTo(slowFiring);
    assertThat(failed.get(0).get("receiver").get("kind").asString()).isEqualTo("webhook");
    assertThat(failed.get(0).get("receiver").get("url").asString())
        .isEqualTo("https://hooks.example/podlife");
    assertThat(failed.get(0).get("lastError").asString())
        .isEqualTo("connect timed out: https://hooks.example/podlife");
    assertThat(failed.get(0).get("lastStatus").isNull()).isTrue();
    assertThat(failed.get(0).get("attempts").asInt()).isEqualTo(8);
    assertThat(failed.get(0).get("nextAttemptAt").isNull()).isTrue();
    assertThat(failed.get(1).get("alertId").asLong()).isEqualTo(oomFiring);
    assertThat(failed.get(1).get("receiver").get("url").asString())
        .isEqualTo("http://alertmanager.example:9093/api/v2/alerts");
    assertThat(failed.get(1).get("lastStatus").asInt()).isEqualTo(503);
    assertThat(failed.get(1).get("status").asString()).isEqualTo("firing");
    assertThat(response.body()).doesNotContain("hunter2").doesNotContain("token=");
  }

  @Test
  void deliveriesFilterByOutcomeAndAlertAndPage() {
    JsonNode notFailed = http.ok("/api/v1/alerts/deliveries?failed=false").get("items");
    assertThat(field(notFailed, "state")).containsExactly("pending", "delivered");
    assertThat(notFailed.get(0).get("nextAttemptAt").asString()).isEqualTo("2026-11-20T11:01:02Z");
    assertThat(notFailed.get(1).get("deliveredAt").asString()).isEqualTo("2026-11-20T10:02:12Z");
    assertThat(notFailed.get(1).get("receiver").get("url").asString())
        .isEqualTo("https://hooks.example/podlife");

    assertThat(
            field(
                http.ok("/api/v1/alerts/deliveries?alert=" + oomFiring).get("items"), "createdAt"))
        .containsExactly("2026-11-20T10:02:13Z", "2026-11-20T10:02:11Z");
    assertThat(http.ok("/api/v1/alerts/deliveries").get("items")).hasSize(4);

    List<String> walked = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          http.ok(
              "/api/v1/alerts/deliveries?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
      walked.addAll(field(page.get("items"), "createdAt"));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    } while (cursor != null);
    assertThat(walked)
        .containsExactly(
            "2026-11-20T11:00:02Z",
            "2026-11-20T11:00:01Z",
            "2026-11-20T10:02:13Z",
            "2026-11-20T10:02:11Z");

    problem("/api/v1/alerts/deliveries?failed=maybe", "failed");
    problem("/api/v1/alerts/deliveries?alert=x", "alert");
    problem("/api/v1/alerts/deliveries?state=failed", "state");
  }
}
