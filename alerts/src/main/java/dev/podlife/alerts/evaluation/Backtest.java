package dev.podlife.alerts.evaluation;

import dev.podlife.alerts.rules.RuleSpec;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs a rule over the projections of a past window. PLACEHOLDER in branch wt-4 with the signature the API relies on;
 * the evaluation work replaces it at merge.
 */
public final class Backtest {
  private Backtest() {}

  public static BacktestResult run(Jdbi jdbi, RuleSpec rule, Instant from, Instant to) {
    throw new UnsupportedOperationException("Backtest is not merged into this branch yet");
  }
}
