package dev.podlife.alerts.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Signed webhooks, retries, dead letters and concurrent deliverers, against JDK HTTP servers as
 * receivers.
 */
@ExtendWith(PostgresExtension.class)
class WebhookDeliveryIT {
  private static final String RULE_SECRET = "rule-secret-4f1c";
  private static final String CONFIG_SECRET = "config-secret-9a2e";

  private final TestDatabase db;
  private final StoredAlerts stored;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Receiver receiver = new Receiver();
  private final List<Deliverer> deliverers = new java.util.ArrayList<>();

  WebhookDeliveryIT(TestDatabase db) {
    this.db = db;
    this.stored = new StoredAlerts(db.jdbi());
  }

  @BeforeEach
  void setUp() {
    db.truncateAll();
  }

  @AfterEach
  void stop() {
    deliverers.forEach(Deliverer::close);
    receiver.close();
  }

  @Test
  void ruleAndConfigWebhooksGetTheAlertSignedWithTheirOwnSecrets() {
    Webhook ruleHook = new Webhook(receiver.url("/hooks/rule"), RULE_SECRET);
    Webhook configHook = new Webhook(receiver.url("/hooks/config"), CONFIG_SECRET);
    DeliveryConfig config =
        DeliveryConfig.defaults()
            .withWebhooks(List.of(configHook))
            .withPublicApiUrl(URI.create("http://localhost:8080"));
    long alertId = alertOfRuleWith(ruleHook);
    assertThat(stored.enqueue(alertId, Outbox.FIRING, config, List.of(ruleHook))).isEqualTo(2);
    start(config);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(receiver.hits()).hasSize(2));
    Map<String, Receiver.Hit> byPath =
        receiver.hits().stream().collect(Collectors.toMap(Receiver.Hit::path, hit -> hit));
    assertThat(verifies(byPath.get("/hooks/rule"), RULE_SECRET)).isTrue();
    assertThat(verifies(byPath.get("/hooks/config"), CONFIG_SECRET)).isTrue();
    // each receiver's signature is its own: the other secret does not verify it
    assertThat(verifies(byPath.get("/hooks/rule"), CONFIG_SECRET)).isFalse();
    long sentAt = Long.parseLong(byPath.get("/hooks/rule").header("X-Podlife-Timestamp"));
    assertThat(sentAt)
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(30L));

    JsonNode body = Payloads.JSON.readTree(byPath.get("/hooks/rule").body());
    assertThat(body.path("version").asString()).isEqualTo("1");
    assertThat(body.path("status").asString()).isEqualTo("firing");
    JsonNode alert = body.path("alert");
    assertThat(alert.path("id").asLong()).isEqualTo(alertId);
    assertThat(alert.path("rule").path("name").asString()).isEqualTo("oom-in-shop");
    assertThat(alert.path("labels").path("alertname").asString()).isEqualTo("PodOOMKilled");
    assertThat(alert.path("annotations").path("summary").asString())
        .isEqualTo("cart OOMKilled 2 times");
    assertThat(alert.path("occurrences").asInt()).isEqualTo(2);
    assertThat(alert.path("pod").path("uid").asString()).isEqualTo("uid-cart-1");
    assertThat(alert.path("pod").path("name").asString()).isEqualTo("cart-7d9f8-abcde");
    assertThat(alert.path("container").asString()).isEqualTo("app");
    assertThat(alert.path("endsAt").isNull()).isTrue();
    assertThat(alert.path("generatorURL").asString())
        .isEqualTo("http://localhost:8080/ui/pods/uid-cart-1");

    // the outbox names receivers, never their secrets
    assertThat(stored.notifications(alertId))
        .allSatisfy(
            n -> {
              assertThat(n.state()).isEqualTo("delivered");
              assertThat(n.receiverUrl()).doesNotContain(RULE_SECRET).doesNotContain(CONFIG_SECRET);
            });
    assertThat(registry.counter("podlife.alert.notifications.sent", "kind", "webhook").count())
        .isEqualTo(2.0);
  }

  @Test
  void theResolutionFollowsTheFiringNotification() {
    Webhook ruleHook = new Webhook(receiver.url("/hooks/rule"), RULE_SECRET);
    DeliveryConfig config = DeliveryConfig.defaults();
    long alertId = firingAlertQueuedFor(ruleHook, config);
    Instant clearedAt = Instant.parse("2026-11-25T12:30:00Z");
    stored.resolve(alertId, clearedAt, config, List.of(ruleHook));
    start(config);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(receiver.hits()).hasSize(2));
    List<JsonNode> bodies =
        receiver.hits().stream().map(h -> Payloads.JSON.readTree(h.body())).toList();
    assertThat(bodies)
        .extracting(b -> b.path("status").asString())
        .containsExactly("firing", "resolved");
    assertThat(bodies.get(1).path("alert").path("endsAt").asString())
        .isEqualTo("2026-11-25T12:30:00Z");
  }

  @Test
  void aReceiverAnswering500IsRetriedWithGrowingBackOffThenKeptAsFailed() {
    receiver.answering(500);
    Webhook hook = new Webhook(receiver.url("/broken"), RULE_SECRET);
    DeliveryConfig config =
        DeliveryConfig.defaults().withRetries(Duration.ofMillis(200), Duration.ofMillis(800), 4);
    long alertId = firingAlertQueuedFor(hook, config);
    start(config);

    StoredAlerts.NotificationRow failed = awaitFailed(alertId, Duration.ofSeconds(15));
    assertThat(failed.attempts()).isEqualTo(4);
    assertThat(failed.lastStatus()).isEqualTo(500);
    assertThat(failed.lastError()).isEqualTo("HTTP 500: receiver is broken");
    assertThat(failed.deliveredAt()).isNull();

    List<Instant> attempts = receiver.hits().stream().map(Receiver.Hit::at).toList();
    assertThat(attempts).hasSize(4);
    List<Duration> gaps =
        List.of(
            Duration.between(attempts.get(0), attempts.get(1)),
            Duration.between(attempts.get(1), attempts.get(2)),
            Duration.between(attempts.get(2), attempts.get(3)));
    // 200 ms, then 400, then 800 (the cap): never earlier, and each wait longer than the one before
    assertThat(gaps.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(180));
    assertThat(gaps.get(1))
        .isGreaterThanOrEqualTo(Duration.ofMillis(380))
        .isGreaterThan(gaps.get(0));
    assertThat(gaps.get(2))
        .isGreaterThanOrEqualTo(Duration.ofMillis(780))
        .isGreaterThan(gaps.get(1));
    assertThat(registry.counter("podlife.alert.notifications.failed", "kind", "webhook").count())
        .isEqualTo(1.0);
    assertThat(registry.counter("podlife.alert.notifications.retried", "kind", "webhook").count())
        .isEqualTo(3.0);
  }

  @Test
  void aReceiverRefusingTheRequestIsNotRetried() {
    receiver.answering(400);
    // without a secret, so a configured webhook (a rule's always has one)
    Webhook hook = new Webhook(receiver.url("/refusing"), null);
    DeliveryConfig config =
        DeliveryConfig.defaults()
            .withWebhooks(List.of(hook))
            .withRetries(Duration.ofMillis(100), Duration.ofMillis(100), 5);
    long alertId = firingAlertQueuedFor(hook, config);
    start(config);

    StoredAlerts.NotificationRow failed = awaitFailed(alertId, Duration.ofSeconds(10));
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastStatus()).isEqualTo(400);
    // a webhook without a secret is sent unsigned
    assertThat(receiver.hits())
        .singleElement()
        .satisfies(hit -> assertThat(hit.header("X-Podlife-Signature")).isNull());
  }

  @Test
  void anUnreachableReceiverIsRetriedThenKeptAsFailed() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Webhook hook =
        new Webhook(URI.create("http://127.0.0.1:" + closedPort + "/nobody"), RULE_SECRET);
    DeliveryConfig config =
        DeliveryConfig.defaults().withRetries(Duration.ofMillis(100), Duration.ofMillis(200), 3);
    long alertId = firingAlertQueuedFor(hook, config);
    start(config);

    StoredAlerts.NotificationRow failed = awaitFailed(alertId, Duration.ofSeconds(15));
    assertThat(failed.attempts()).isEqualTo(3);
    assertThat(failed.lastStatus()).isNull();
    assertThat(failed.lastError()).startsWith("ConnectException");
  }

  @Test
  void twoDeliverersOnOneDatabaseSendEveryNotificationExactlyOnce() {
    Webhook hook = new Webhook(receiver.url("/hooks/shared"), RULE_SECRET);
    DeliveryConfig config = DeliveryConfig.defaults();
    long ruleId = stored.rule("oom-in-shop", specWith(hook));
    int alerts = 150;
    for (int i = 0; i < alerts; i++) {
      long alertId =
          stored.firing(
              ruleId,
              "oom-in-shop",
              "uid-" + i,
              Instant.now().truncatedTo(ChronoUnit.MILLIS),
              labels(),
              annotations());
      stored.enqueue(alertId, Outbox.FIRING, config, List.of(hook));
    }
    start(config);
    start(config);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(stored.countByState()).isEqualTo(Map.of("delivered", (long) alerts)));
    List<Long> delivered =
        receiver.hits().stream()
            .map(h -> Payloads.JSON.readTree(h.body()).path("alert").path("id").asLong())
            .toList();
    assertThat(delivered).hasSize(alerts).doesNotHaveDuplicates();
  }

  private void start(DeliveryConfig config) {
    Deliverer deliverer = new Deliverer(db.jdbi(), config, Clock.systemUTC(), registry).start();
    deliverers.add(deliverer);
    deliverer.wakeUp();
  }

  /** A firing alert of a rule with {@code hook}, its notification to that hook queued. */
  private long firingAlertQueuedFor(Webhook hook, DeliveryConfig config) {
    long alertId = alertOfRuleWith(hook);
    stored.enqueue(alertId, Outbox.FIRING, config, List.of(hook));
    return alertId;
  }

  /** The alert's only notification once the deliverer gave up on it. */
  private StoredAlerts.NotificationRow awaitFailed(long alertId, Duration atMost) {
    await()
        .atMost(atMost)
        .untilAsserted(
            () -> assertThat(stored.notifications(alertId).getFirst().state()).isEqualTo("failed"));
    return stored.notifications(alertId).getFirst();
  }

  private long alertOfRuleWith(Webhook hook) {
    long ruleId = stored.rule("oom-in-shop", specWith(hook));
    return stored.firing(
        ruleId,
        "oom-in-shop",
        "uid-cart-1",
        Instant.parse("2026-11-25T12:00:00Z"),
        labels(),
        annotations());
  }

  /**
   * A rule as the API stores it, naming {@code hook} when it has a secret (a rule's webhooks always
   * do).
   */
  private static String specWith(Webhook hook) {
    String webhooks =
        hook.secret() == null
            ? ""
            : ", \"webhooks\": [{\"url\": \"%s\", \"secret\": \"%s\"}]"
                .formatted(hook.url(), hook.secret());
    return """
    {"name": "oom-in-shop", "condition": {"type": "termination_reason", "reasons": ["OOMKilled"]}, "window": "10m"%s}
    """
        .formatted(webhooks);
  }

  private static String labels() {
    return """
    {"alertname": "PodOOMKilled", "namespace": "shop", "workload": "Deployment/cart", "severity": "critical"}
    """;
  }

  private static String annotations() {
    return "{\"summary\": \"cart OOMKilled 2 times\"}";
  }

  /**
   * What a receiver does: HMAC-SHA256 over timestamp + "." + body with its secret, compared in
   * constant time.
   */
  private static boolean verifies(Receiver.Hit hit, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected =
          mac.doFinal(
              (hit.header("X-Podlife-Timestamp") + "." + hit.body())
                  .getBytes(StandardCharsets.UTF_8));
      String header = hit.header("X-Podlife-Signature");
      return header != null
          && header.startsWith("sha256=")
          && java.security.MessageDigest.isEqual(
              expected, HexFormat.of().parseHex(header.substring("sha256=".length())));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
