package dev.podlife.alerts.rules;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A rule's condition: its type and the parameters that type takes ({@code reasons} for
 * termination_reason, {@code exitCodes} for exit_code, {@code latency} for startup_p99); the others
 * are empty/null.
 */
public record Condition(
    ConditionType type, Set<String> reasons, Set<Integer> exitCodes, Duration latency) {
  public Condition {
    Objects.requireNonNull(type, "type");
    reasons = reasons == null ? Set.of() : Set.copyOf(reasons);
    exitCodes = exitCodes == null ? Set.of() : Set.copyOf(exitCodes);
  }

  public static Condition of(ConditionType type) {
    return new Condition(type, Set.of(), Set.of(), null);
  }
}
