package dev.podlife.alerts.rules;

import java.net.URI;
import java.util.Objects;

/** A webhook of one rule; the secret signs each request (HMAC-SHA256) and is never shown back. */
public record RuleWebhook(URI url, String secret) {
  public RuleWebhook {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
  }

  @Override
  public String toString() {
    return "RuleWebhook[url=" + url + ", secret=***]";
  }
}
