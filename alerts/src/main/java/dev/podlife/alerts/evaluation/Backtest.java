package dev.podlife.alerts.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import dev.podlife.alerts.rules.Durations;
import dev.podlife.alerts.rules.RuleSpec;

/**
 * What a rule would have fired on over a past range: its occurrences in [from − window, to) folded
 * into episodes by the same {@link Episodes} the live evaluator uses, keeping those that overlap
 * [from, to). The rule needn't be stored (a draft can be tried before it is saved).
 */
public final class Backtest {
  private Backtest() {}

  /** The episodes of {@code rule} that overlap [{@code from}, {@code to}), ordered by start. */
  public static BacktestResult run(Jdbi jdbi, RuleSpec rule, Instant from, Instant to) {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException(
          "A backtest needs from (" + from + ") before to (" + to + ")");
    }
    jdbi.installPlugin(new SqlObjectPlugin()); // the read models attach to the handle
    List<Occurrence> occurrences =
        jdbi.withHandle(h -> Occurrences.read(h, rule, from.minus(rule.window()), to));
    List<BacktestResult.Fired> fired =
        Episodes.of(rule, occurrences).stream()
            .filter(e -> e.startsAt().isBefore(to) && e.endsAt().isAfter(from))
            .map(BacktestResult.Fired::of)
            .toList();
    return new BacktestResult(
        rule.name(), from, to, Durations.format(rule.window()), rule.threshold(), fired);
  }
}
