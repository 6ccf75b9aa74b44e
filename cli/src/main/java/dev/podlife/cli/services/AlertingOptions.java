package dev.podlife.cli.services;

import java.net.URI;

import dev.podlife.alerts.delivery.DeliveryConfig;
import dev.podlife.cli.UserError;
import picocli.CommandLine.Option;

/**
 * Where alerts go: Alertmanagers from the option (or PODLIFE_ALERTMANAGER_URL), config-level
 * webhooks and retry settings from the environment ({@link DeliveryConfig#fromEnv()}: the webhook
 * secret is never an option, so it stays out of process listings), and the public URL alert links
 * point at.
 */
public final class AlertingOptions {
  @Option(
      names = "--alertmanager-url",
      paramLabel = "URL[,…]",
      defaultValue = "${env:PODLIFE_ALERTMANAGER_URL:-}",
      description =
          "Alertmanager base URLs to push alerts to, comma-separated (env PODLIFE_ALERTMANAGER_URL;"
              + " default: none).")
  String alertmanagerUrls;

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      defaultValue = "${env:PODLIFE_PUBLIC_URL:-}",
      description =
          "The API's URL as people reach it, for the links in alerts (env PODLIFE_PUBLIC_URL;"
              + " default: http://localhost:8080).")
  String publicUrl;

  /** The delivery configuration; a malformed value is a one-line user error naming it. */
  public DeliveryConfig deliveryConfig() {
    return deliveryConfig(null);
  }

  /**
   * As {@link #deliveryConfig()}, with {@code defaultPublicUrl} when no public URL is configured
   * (the demo's API).
   */
  public DeliveryConfig deliveryConfig(URI defaultPublicUrl) {
    try {
      DeliveryConfig config =
          DeliveryConfig.fromEnv()
              .withAlertmanagerUrls(
                  DeliveryConfig.parseUrls("--alertmanager-url", alertmanagerUrls));
      if (publicUrl != null && !publicUrl.isBlank()) {
        return config.withPublicApiUrl(
            DeliveryConfig.parseUrls("--public-url", publicUrl).getFirst());
      }
      return defaultPublicUrl == null ? config : config.withPublicApiUrl(defaultPublicUrl);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
