package dev.podlife.alerts;

import java.time.Clock;
import java.util.Objects;

import org.jdbi.v3.core.Jdbi;

import io.micrometer.core.instrument.MeterRegistry;

import dev.podlife.alerts.delivery.Deliverer;
import dev.podlife.alerts.delivery.DeliveryConfig;
import dev.podlife.alerts.delivery.Outbox;
import dev.podlife.alerts.delivery.Webhook;
import dev.podlife.alerts.evaluation.AlertEvaluator;

/**
 * Alerting as an analyzer process runs it: the evaluator, whose notifications go to the outbox for
 * this configuration's Alertmanagers and webhooks (and each rule's own webhooks), and the deliverer
 * that sends them. Every analyzer runs one; the evaluation lock and the outbox's leases make one of
 * them act on each change.
 */
public final class Alerting implements AutoCloseable {
  private final AlertEvaluator evaluator;
  private final Deliverer deliverer;

  private Alerting(AlertEvaluator evaluator, Deliverer deliverer) {
    this.evaluator = evaluator;
    this.deliverer = deliverer;
  }

  /** Starts evaluating (at once, then on every {@link #nudge} and tick) and delivering. */
  public static Alerting start(
      Jdbi jdbi, DeliveryConfig config, Clock clock, MeterRegistry registry) {
    Objects.requireNonNull(config, "config");
    Deliverer deliverer = new Deliverer(jdbi, config, clock, registry);
    AlertEvaluator evaluator =
        new AlertEvaluator(
            jdbi,
            clock,
            registry,
            (handle, alertId, status, rule) ->
                Outbox.enqueue(
                    handle,
                    alertId,
                    status,
                    config,
                    rule.webhooks().stream().map(w -> new Webhook(w.url(), w.secret())).toList()));
    evaluator.onAnnounced(deliverer::wakeUp);
    deliverer.start();
    try {
      evaluator.start();
    } catch (RuntimeException e) {
      deliverer.close();
      throw e;
    }
    return new Alerting(evaluator, deliverer);
  }

  /** New facts were stored: evaluate soon. */
  public void nudge() {
    evaluator.nudge();
  }

  @Override
  public void close() {
    try {
      evaluator.close();
    } finally {
      deliverer.close();
    }
  }
}
