package dev.podlife.alerts.rules;

import java.io.Serial;

/** No live rule has this id (never created, or deleted). */
public final class NoSuchRuleException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public NoSuchRuleException(long id) {
    super("No alert rule with id " + id);
  }
}
