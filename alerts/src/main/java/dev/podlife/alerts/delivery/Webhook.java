package dev.podlife.alerts.delivery;

import java.net.URI;
import java.util.Objects;

/**
 * A webhook receiver: alerts are POSTed to {@code url} as JSON, signed with HMAC-SHA256 of {@code
 * secret} when there is one. The secret never leaves the process except as a signature: {@link
 * #toString()} leaves it out.
 */
public record Webhook(URI url, String secret) {
  public Webhook {
    Objects.requireNonNull(url, "url");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException(
          "A webhook URL must be http or https: " + Receivers.redacted(url));
    }
    secret = secret == null || secret.isEmpty() ? null : secret;
  }

  @Override
  public String toString() {
    return "Webhook[" + Receivers.redacted(url) + (secret == null ? ", unsigned]" : ", signed]");
  }
}
