package dev.podlife.alerts.delivery;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.podlife.testing.Alertmanager;
import dev.podlife.testing.AlertmanagerExtension;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Delivery to the real Alertmanager binary, checked through Alertmanager's own API. */
@ExtendWith({PostgresExtension.class, AlertmanagerExtension.class})
class AlertmanagerDeliveryIT {
  private static final URI PUBLIC_API = URI.create("https://podlife.example.com");

  private final TestDatabase db;
  private final Alertmanager alertmanager;
  private final StoredAlerts stored;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** Labels of this test's alerts only: Alertmanager is shared by the test JVM. */
  private final String testId = UUID.randomUUID().toString();

  private DeliveryConfig config;
  private Deliverer deliverer;

  AlertmanagerDeliveryIT(TestDatabase db, Alertmanager alertmanager) {
    this.db = db;
    this.alertmanager = alertmanager;
    this.stored = new StoredAlerts(db.jdbi());
  }

  @BeforeEach
  void setUp() {
    db.truncateAll();
    config =
        DeliveryConfig.defaults()
            .withAlertmanagerUrls(List.of(alertmanager.url()))
            .withPublicApiUrl(PUBLIC_API);
  }

  @AfterEach
  void stop() {
    if (deliverer != null) {
      deliverer.close();
    }
  }

  @Test
  void aFiringAlertIsActiveInAlertmanagerWithItsLabelsAnnotationsAndPodLink() {
    long alertId = firingAlertThenDeliverer();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(alertsInAlertmanager(true)).hasSize(1));
    JsonNode alert = alertsInAlertmanager(true).getFirst();
    assertThat(alert.path("labels").path("alertname").asString()).isEqualTo("PodOOMKilled");
    assertThat(alert.path("labels").path("namespace").asString()).isEqualTo("shop");
    assertThat(alert.path("labels").path("workload").asString()).isEqualTo("Deployment/cart");
    assertThat(alert.path("labels").path("severity").asString()).isEqualTo("critical");
    assertThat(alert.path("annotations").path("summary").asString())
        .isEqualTo("cart OOMKilled 2 times");
    assertThat(alert.path("generatorURL").asString())
        .isEqualTo("https://podlife.example.com/ui/pods/" + podUid());
    assertThat(alert.path("status").path("state").asString()).isEqualTo("active");
    // Prometheus-style: it lasts four re-send intervals unless refreshed
    Instant endsAt = Instant.parse(alert.path("endsAt").asString());
    assertThat(endsAt)
        .isBetween(
            Instant.now().plus(Duration.ofMinutes(3)), Instant.now().plus(Duration.ofMinutes(5)));

    assertThat(stored.notifications(alertId))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.receiverKind()).isEqualTo("alertmanager");
              assertThat(n.receiverUrl()).isEqualTo(alertmanager.url() + "/api/v2/alerts");
              assertThat(n.state()).isEqualTo("delivered");
              assertThat(n.attempts()).isEqualTo(1);
              assertThat(n.lastStatus()).isEqualTo(200);
            });
    assertThat(registry.counter("podlife.alert.notifications.sent", "kind", "alertmanager").count())
        .isEqualTo(1.0);
  }

  @Test
  void aResolvedAlertIsNoLongerActiveInAlertmanager() {
    long alertId = firingAlertThenDeliverer();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(alertsInAlertmanager(true)).hasSize(1));

    Instant clearedAt = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
    stored.resolve(alertId, clearedAt, config, List.of());
    deliverer.wakeUp();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(alertsInAlertmanager(true)).isEmpty());
    // whatever Alertmanager still lists of it has ended when the condition cleared
    assertThat(alertsInAlertmanager(false))
        .allSatisfy(
            a -> assertThat(Instant.parse(a.path("endsAt").asString())).isEqualTo(clearedAt));
    assertThat(stored.notifications(alertId))
        .extracting(StoredAlerts.NotificationRow::status, StoredAlerts.NotificationRow::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("firing", "delivered"),
            org.assertj.core.groups.Tuple.tuple("resolved", "delivered"));
  }

  @Test
  void aFiringAlertIsSentAgainAfterTheResendIntervalSoAlertmanagerKeepsIt() {
    config = config.withResendInterval(Duration.ofSeconds(1));
    long alertId = firingAlertThenDeliverer();

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(stored.notifications(alertId))
                    .filteredOn(n -> n.state().equals("delivered"))
                    .hasSizeGreaterThanOrEqualTo(3));
    List<StoredAlerts.NotificationRow> sent = stored.notifications(alertId);
    assertThat(sent).allSatisfy(n -> assertThat(n.status()).isEqualTo("firing"));
    for (int i = 1; i < sent.size(); i++) {
      // never more often than the interval
      assertThat(Duration.between(sent.get(i - 1).createdAt(), sent.get(i).createdAt()))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
    assertThat(alertsInAlertmanager(true)).hasSize(1);
  }

  /**
   * The alert and its notification first, as the evaluator commits them together (else the re-send
   * may see the firing alert without its notification and queue one of its own), then the
   * deliverer.
   */
  private long firingAlertThenDeliverer() {
    long alertId = firingAlert();
    deliverer = new Deliverer(db.jdbi(), config, Clock.systemUTC(), registry).start();
    deliverer.wakeUp();
    return alertId;
  }

  private long firingAlert() {
    long ruleId =
        stored.rule(
            "oom-" + testId, "{\"name\": \"oom\", \"condition\": {\"reason\": \"OOMKilled\"}}");
    String labels =
        """
        {"alertname": "PodOOMKilled", "podlife_test": "%s", "cluster": "prod", "namespace": "shop",
         "workload": "Deployment/cart", "reason": "OOMKilled", "severity": "critical"}
        """
            .formatted(testId);
    String annotations =
        """
        {"summary": "cart OOMKilled 2 times", "description": "Container app of Deployment/cart in shop was OOMKilled."}
        """;
    long alertId =
        stored.firing(
            ruleId,
            "oom-" + testId,
            podUid(),
            Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS),
            labels,
            annotations);
    assertThat(stored.enqueue(alertId, Outbox.FIRING, config, List.of())).isEqualTo(1);
    return alertId;
  }

  private String podUid() {
    return "pod-" + testId;
  }

  /**
   * Alertmanager's alerts carrying this test's label; {@code active} only, or all it still lists.
   */
  private List<JsonNode> alertsInAlertmanager(boolean active) {
    String filter = URLEncoder.encode("podlife_test=\"" + testId + "\"", StandardCharsets.UTF_8);
    String json =
        alertmanager.alerts(
            "filter="
                + filter
                + (active ? "&active=true&silenced=false&inhibited=false&unprocessed=true" : ""));
    List<JsonNode> alerts = new java.util.ArrayList<>();
    Payloads.JSON.readTree(json).forEach(alerts::add);
    if (active) {
      alerts.removeIf(
          a ->
              !a.path("status").path("state").asString().equals("active")
                  && !a.path("status").path("state").asString().equals("unprocessed"));
    }
    return alerts;
  }
}
