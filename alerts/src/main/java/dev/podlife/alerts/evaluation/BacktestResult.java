package dev.podlife.alerts.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A backtest's answer, ready to serialize as JSON: the alerts the rule would have raised in [from,
 * to), one per episode. An episode still open at {@code to} ends, as far as the range tells, a
 * window after its latest occurrence ({@code endsAt} may then lie after {@code to}). The window is
 * written as rules write it ({@code 10m}).
 */
public record BacktestResult(
    String rule, Instant from, Instant to, String window, int threshold, List<Fired> alerts) {

  public BacktestResult {
    Objects.requireNonNull(rule, "rule");
    alerts = List.copyOf(alerts);
  }

  /**
   * One alert the rule would have raised: its group, span, count, and the first and latest pod and
   * container.
   */
  public record Fired(
      String fingerprint,
      String cluster,
      String namespace,
      String workloadKind,
      String workloadName,
      String reason,
      Instant startsAt,
      Instant endsAt,
      int occurrences,
      double value,
      Pod first,
      Pod last) {

    static Fired of(Episode e) {
      Group g = e.group();
      return new Fired(
          g.fingerprint(),
          g.cluster(),
          g.namespace(),
          g.workloadKind(),
          g.workloadName(),
          g.reason(),
          e.startsAt(),
          e.endsAt(),
          e.occurrences(),
          e.value(),
          Pod.of(e.first()),
          Pod.of(e.last()));
    }
  }

  /** The pod and container of one occurrence, and when it happened. */
  public record Pod(String uid, String name, String container, Instant at) {
    static Pod of(Occurrence o) {
      return new Pod(o.podUid(), o.podName(), o.container(), o.at());
    }
  }
}
