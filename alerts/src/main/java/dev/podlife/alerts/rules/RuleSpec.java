package dev.podlife.alerts.rules;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An alert rule as users write it (the body of POST/PUT /api/v1/alert-rules, stored in
 * alert_rule.spec): it fires when at least {@code threshold} occurrences of its condition fall
 * within {@code window} for one group (rule × cluster × namespace × workload × reason) of the pods
 * its selector picks; repeats update that alert, and it resolves when the window no longer holds
 * {@code threshold} occurrences. For startup_p99 the threshold is the least number of started pods
 * in the window for a p99 to count. Parse and validate with {@link RuleSpecs}.
 */
public record RuleSpec(
    String name,
    String description,
    Selector selector,
    Condition condition,
    Duration window,
    int threshold,
    Severity severity,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<RuleWebhook> webhooks,
    boolean enabled) {

  public RuleSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(severity, "severity");
    selector = selector == null ? Selector.ALL : selector;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
  }
}
