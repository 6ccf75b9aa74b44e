package dev.podlife.alerts.evaluation;

import java.time.Instant;
import java.util.List;

/**
 * What a rule would have raised over a past window: one episode per alert. PLACEHOLDER in branch wt-4 (the API's
 * backtest route compiles against it); the evaluation work replaces it at merge.
 */
public record BacktestResult(Instant from, Instant to, List<Episode> episodes) {

  /** One alert the rule would have raised: its group, when it fired and resolved, and the pods involved. */
  public record Episode(
      String cluster,
      String namespace,
      String workloadKind,
      String workloadName,
      String reason,
      Instant startsAt,
      Instant endsAt,
      int occurrences,
      String firstPod,
      String firstContainer,
      String lastPod,
      String lastContainer) {}
}
