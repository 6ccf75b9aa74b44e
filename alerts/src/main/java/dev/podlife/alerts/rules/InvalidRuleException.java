package dev.podlife.alerts.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rule that can't be stored, with every violation found (not only the first). */
public final class InvalidRuleException extends RuntimeException {
  private final List<Violation> violations;

  public InvalidRuleException(List<Violation> violations) {
    super(violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
