package dev.podlife.alerts.evaluation;

import org.jdbi.v3.core.Handle;

import dev.podlife.alerts.rules.RuleSpec;

/**
 * Where the evaluator announces an alert's state change: called inside the evaluation's transaction
 * (write the outbox with {@code handle}, so a notification exists exactly when the state change it
 * announces does). Called once per change: "firing" when an alert starts, "resolved" when it ends.
 */
@FunctionalInterface
public interface NotificationSink {
  String FIRING = "firing";
  String RESOLVED = "resolved";

  void enqueue(Handle handle, long alertId, String status, RuleSpec rule);
}
