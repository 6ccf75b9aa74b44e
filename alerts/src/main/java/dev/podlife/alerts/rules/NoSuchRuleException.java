package dev.podlife.alerts.rules;

/** No live rule has this id (never created, or deleted). */
public final class NoSuchRuleException extends RuntimeException {
  public NoSuchRuleException(long id) {
    super("No alert rule with id " + id);
  }
}
