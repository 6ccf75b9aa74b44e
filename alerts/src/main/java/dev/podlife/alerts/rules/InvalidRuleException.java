package dev.podlife.alerts.rules;

import java.io.Serial;
import java.util.List;
import java.util.stream.Collectors;

/** A rule that can't be stored, with every violation found (not only the first). */
public final class InvalidRuleException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  // an immutable List.copyOf: not declared Serializable, and the exception is never serialized
  private final transient List<Violation> violations;

  public InvalidRuleException(List<Violation> violations) {
    super(
        violations.stream()
            .map(v -> v.field() + ": " + v.message())
            .collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
