package dev.podlife.alerts.rules;

import java.io.Serial;

/** Another live rule already has this name (alert names must identify one rule). */
public final class DuplicateRuleNameException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public DuplicateRuleNameException(String name) {
    super("An alert rule named '" + name + "' already exists");
  }
}
