package dev.podlife.alerts.rules;

import java.time.Instant;
import java.util.Objects;

/** A stored rule: its id, current version and spec. */
public record AlertRule(long id, int version, RuleSpec spec, Instant createdAt, Instant updatedAt) {
  public AlertRule {
    Objects.requireNonNull(spec, "spec");
  }

  public String name() {
    return spec.name();
  }
}
