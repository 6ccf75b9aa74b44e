package dev.podlife.api.alerts;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;

import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

/**
 * One notification of one alert to one receiver, and how its delivery went. A {@code failed}
 * delivery exhausted its retries: a dead letter.
 *
 * @param status the alert state it announces: firing or resolved
 * @param state pending, delivered or failed
 * @param lastStatus the HTTP status of the last attempt, when the receiver answered
 * @param nextAttemptAt when a pending delivery is tried next; null once delivered or failed
 */
public record Delivery(
    long id,
    long alertId,
    Receiver receiver,
    String status,
    String state,
    int attempts,
    Integer lastStatus,
    String lastError,
    Instant createdAt,
    Instant nextAttemptAt,
    Instant deliveredAt) {

  /**
   * From a row of {@link AlertQueries#deliveries}: the receiver's URL loses what may be a
   * credential.
   */
  @JdbiConstructor
  public Delivery(
      long id,
      long alertId,
      String receiverKind,
      String receiverUrl,
      String status,
      String state,
      int attempts,
      Integer lastStatus,
      String lastError,
      Instant createdAt,
      Instant nextAttemptAt,
      Instant deliveredAt) {
    this(
        id,
        alertId,
        new Receiver(receiverKind, shown(receiverUrl)),
        status,
        state,
        attempts,
        lastStatus,
        scrubbed(lastError, receiverUrl),
        createdAt,
        "pending".equals(state) ? nextAttemptAt : null,
        deliveredAt);
  }

  /** An error message may quote the URL it failed on; it is shown without its credentials too. */
  private static String scrubbed(String error, String url) {
    return error == null || url == null || url.isEmpty() ? error : error.replace(url, shown(url));
  }

  /** Where it went: alertmanager or webhook, and the URL without user info, query or fragment. */
  public record Receiver(String kind, String url) {}

  /**
   * The URL as the API may show it: user info, query and fragment can carry credentials (basic
   * auth, a token parameter), so only scheme, host, port and path are kept.
   */
  static String shown(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "(not a URL)";
      }
      return new URI(
              uri.getScheme(),
              null,
              uri.getHost(),
              uri.getPort(),
              uri.getRawPath() == null ? null : uri.getPath(),
              null,
              null)
          .toString();
    } catch (URISyntaxException e) {
      return "(not a URL)";
    }
  }
}
