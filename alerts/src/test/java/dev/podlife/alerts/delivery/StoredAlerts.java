package dev.podlife.alerts.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;

/**
 * Writes rules and alerts as the evaluator does (plain SQL on the V60 tables), and reads the outbox
 * back, so the delivery tests start from the rows delivery really sees.
 */
final class StoredAlerts {
  private final Jdbi jdbi;

  StoredAlerts(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A notification row as the outbox holds it. */
  record NotificationRow(
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
      Instant deliveredAt) {}

  long rule(String name, String specJson) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    """
                    INSERT INTO alert_rule (name, version, spec, enabled, created_at, updated_at)
                    VALUES (:name, 1, CAST(:spec AS jsonb), true, now(), now())
                    """)
                .bind("name", name)
                .bind("spec", specJson)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
  }

  /**
   * A firing OOMKilled alert of {@code rule} for one pod; {@code labels} as Alertmanager should get
   * them.
   */
  long firing(
      long ruleId,
      String ruleName,
      String podUid,
      Instant startsAt,
      String labelsJson,
      String annotationsJson) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    """
                    INSERT INTO alert (rule_id, rule_version, rule_name, fingerprint, cluster, namespace, workload_kind,
                                       workload_name, reason, severity, state, starts_at, occurrences, last_at, pod_uid,
                                       pod_name, container, last_pod_uid, last_pod_name, last_container, labels,
                                       annotations)
                    VALUES (:ruleId, 1, :ruleName, :fingerprint, 'prod', 'shop', 'Deployment', 'cart', 'OOMKilled',
                            'critical', 'firing', :startsAt, 2, :startsAt, :podUid, 'cart-7d9f8-abcde', 'app', :podUid,
                            'cart-7d9f8-abcde', 'app', CAST(:labels AS jsonb), CAST(:annotations AS jsonb))
                    """)
                .bind("ruleId", ruleId)
                .bind("ruleName", ruleName)
                .bind("fingerprint", podUid)
                .bind("startsAt", startsAt)
                .bind("podUid", podUid)
                .bind("labels", labelsJson)
                .bind("annotations", annotationsJson)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
  }

  /**
   * Resolves the alert at {@code endsAt} and queues the resolution, in one transaction, as the
   * evaluator does.
   */
  void resolve(long alertId, Instant endsAt, DeliveryConfig config, List<Webhook> ruleWebhooks) {
    jdbi.useTransaction(
        h -> {
          h.createUpdate(
                  "UPDATE alert SET state = 'resolved', ends_at = :endsAt, updated_at = now() WHERE"
                      + " id = :id")
              .bind("id", alertId)
              .bind("endsAt", endsAt)
              .execute();
          Outbox.enqueue(h, alertId, Outbox.RESOLVED, config, ruleWebhooks);
        });
  }

  int enqueue(long alertId, String status, DeliveryConfig config, List<Webhook> ruleWebhooks) {
    return jdbi.inTransaction(h -> Outbox.enqueue(h, alertId, status, config, ruleWebhooks));
  }

  List<NotificationRow> notifications(long alertId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    SELECT id, alert_id, receiver_kind, receiver_url, status, state, attempts, last_status, last_error,
                           created_at, delivered_at
                    FROM alert_notification WHERE alert_id = :alertId ORDER BY id
                    """)
                .bind("alertId", alertId)
                .map(org.jdbi.v3.core.mapper.reflect.ConstructorMapper.of(NotificationRow.class))
                .list());
  }

  Map<String, Long> countByState() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT state, count(*) AS n FROM alert_notification GROUP BY state")
                .reduceRows(
                    new java.util.HashMap<String, Long>(),
                    (m, row) -> {
                      m.put(row.getColumn("state", String.class), row.getColumn("n", Long.class));
                      return m;
                    }));
  }
}
