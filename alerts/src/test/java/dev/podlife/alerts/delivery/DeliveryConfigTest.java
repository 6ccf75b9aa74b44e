package dev.podlife.alerts.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryConfigTest {

  @Test
  void readsSeveralAlertmanagersWebhooksAndTimingsFromTheEnvironment() {
    DeliveryConfig config =
        DeliveryConfig.fromEnv(
            Map.of(
                "PODLIFE_ALERTMANAGER_URL",
                    "http://am-0.monitoring:9093, http://am-1.monitoring:9093/",
                "PODLIFE_ALERT_WEBHOOK_URL", "https://hooks.example.com/podlife",
                "PODLIFE_ALERT_WEBHOOK_SECRET", "s3cr3t-value",
                "PODLIFE_PUBLIC_URL", "https://podlife.example.com",
                "PODLIFE_ALERT_FIRST_BACKOFF", "500ms",
                "PODLIFE_ALERT_MAX_BACKOFF", "2m",
                "PODLIFE_ALERT_MAX_ATTEMPTS", "5",
                "PODLIFE_ALERT_RESEND_INTERVAL", "PT30S"));

    assertThat(config.alertmanagerUrls())
        .containsExactly(
            URI.create("http://am-0.monitoring:9093"), URI.create("http://am-1.monitoring:9093/"));
    assertThat(config.webhooks())
        .containsExactly(
            new Webhook(URI.create("https://hooks.example.com/podlife"), "s3cr3t-value"));
    assertThat(config.publicApiUrl()).isEqualTo(URI.create("https://podlife.example.com"));
    assertThat(config.firstBackOff()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.maxBackOff()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.maxAttempts()).isEqualTo(5);
    assertThat(config.resendInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.lease()).isEqualTo(DeliveryConfig.DEFAULT_LEASE);
  }

  @Test
  void unsetVariablesGiveTheDefaults() {
    DeliveryConfig config = DeliveryConfig.fromEnv(Map.of());
    assertThat(config).isEqualTo(DeliveryConfig.defaults());
    assertThat(config.alertmanagerUrls()).isEmpty();
    assertThat(config.resendInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.lease()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.publicApiUrl()).isEqualTo(URI.create("http://localhost:8080"));
  }

  @Test
  void neverShowsSecretsOrUrlPaths() {
    DeliveryConfig config =
        DeliveryConfig.defaults()
            .withAlertmanagerUrls(List.of(URI.create("http://user:pw@am:9093")))
            .withWebhooks(
                List.of(
                    new Webhook(
                        URI.create("https://chat.example.com/hooks/T0K3N"), "s3cr3t-value")));
    assertThat(config.toString())
        .doesNotContain("s3cr3t-value")
        .doesNotContain("T0K3N")
        .doesNotContain("pw");
    assertThat(config.webhooks().getFirst().toString())
        .isEqualTo("Webhook[https://chat.example.com/…, signed]");
  }

  @Test
  void backOffDoublesUpToItsCap() {
    DeliveryConfig config =
        DeliveryConfig.defaults().withRetries(Duration.ofSeconds(1), Duration.ofSeconds(5), 10);
    assertThat(List.of(1, 2, 3, 4, 10).stream().map(config::backOffAfter))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
  }

  @Test
  void malformedValuesNameTheirVariable() {
    assertThatThrownBy(() -> DeliveryConfig.fromEnv(Map.of("PODLIFE_ALERT_MAX_BACKOFF", "soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PODLIFE_ALERT_MAX_BACKOFF");
    assertThatThrownBy(() -> DeliveryConfig.fromEnv(Map.of("PODLIFE_ALERTMANAGER_URL", "am:9093")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PODLIFE_ALERTMANAGER_URL");
    assertThatThrownBy(
            () ->
                DeliveryConfig.fromEnv(
                    Map.of("PODLIFE_ALERT_WEBHOOK_URL", "https://x/a b?token=T0K3N")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PODLIFE_ALERT_WEBHOOK_URL")
        .hasMessageNotContaining("T0K3N");
  }
}
