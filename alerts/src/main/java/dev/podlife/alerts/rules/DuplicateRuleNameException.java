package dev.podlife.alerts.rules;

/** Another live rule already has this name (alert names must identify one rule). */
public final class DuplicateRuleNameException extends RuntimeException {
  public DuplicateRuleNameException(String name) {
    super("An alert rule named '" + name + "' already exists");
  }
}
