package dev.podlife.alerts.delivery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes notifications into the {@code alert_notification} outbox, in the caller's transaction:
 * they are sent once it commits, by whichever analyzer's {@link Deliverer} claims them first.
 */
public final class Outbox {
  /** The alert's state a notification announces. */
  public static final String FIRING = "firing";

  public static final String RESOLVED = "resolved";

  private Outbox() {}

  private record Receiver(String kind, String url) {}

  /**
   * Queues one pending notification of {@code alertId} being {@code status} ({@value #FIRING} or
   * {@value #RESOLVED}) per Alertmanager of {@code config}, per webhook of {@code config} and per
   * webhook of the rule; a URL named twice gets one. Secrets are not stored here: they are looked
   * up when sending.
   *
   * @return the number of notifications queued
   */
  public static int enqueue(
      Handle handle,
      long alertId,
      String status,
      DeliveryConfig config,
      List<Webhook> ruleWebhooks) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(config, "config");
    if (!FIRING.equals(status) && !RESOLVED.equals(status)) {
      throw new IllegalArgumentException(
          "A notification announces 'firing' or 'resolved', not '" + status + "'");
    }
    List<Receiver> receivers = new ArrayList<>();
    config.alertmanagerUrls().stream()
        .map(Receivers::alertmanagerEndpoint)
        .distinct()
        .forEach(url -> receivers.add(new Receiver(Receivers.ALERTMANAGER, url.toString())));
    Set<String> webhookUrls = new LinkedHashSet<>();
    (ruleWebhooks == null ? List.<Webhook>of() : ruleWebhooks)
        .forEach(w -> webhookUrls.add(w.url().toString()));
    config.webhooks().forEach(w -> webhookUrls.add(w.url().toString()));
    webhookUrls.forEach(url -> receivers.add(new Receiver(Receivers.WEBHOOK, url)));
    if (receivers.isEmpty()) {
      return 0;
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO alert_notification (alert_id, receiver_kind, receiver_url, status)"
                + " VALUES (:alertId, :kind, :url, :status)");
    for (Receiver receiver : receivers) {
      batch
          .bind("alertId", alertId)
          .bind("kind", receiver.kind())
          .bind("url", receiver.url())
          .bind("status", status)
          .add();
    }
    batch.execute();
    return receivers.size();
  }
}
