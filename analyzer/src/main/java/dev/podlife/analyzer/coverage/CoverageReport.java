package dev.podlife.analyzer.coverage;

import java.time.Instant;
import java.util.List;

/**
 * A cluster's coverage in the window {@code [from, to]}: when it was observed, the gaps, and the
 * share of the window observed.
 *
 * @param since the cluster's first heartbeat ever; before it podlife cannot tell (a collector
 *     without heartbeats), so that time counts neither as observed nor as a gap
 * @param lastHeartbeat the cluster's latest heartbeat, whatever the window
 * @param observedFraction observed time over the window's time since {@code since}, from 0 to 1;
 *     null when the window ends before {@code since}
 * @param intervals the observed intervals overlapping the window, cut to it
 * @param gaps the gaps overlapping the window, not cut to it: each from the heartbeat before the
 *     silence to the one after it (or now)
 */
public record CoverageReport(
    String cluster,
    Instant from,
    Instant to,
    Instant since,
    Instant lastHeartbeat,
    Double observedFraction,
    List<ObservedInterval> intervals,
    List<Gap> gaps) {
  public CoverageReport {
    intervals = List.copyOf(intervals);
    gaps = List.copyOf(gaps);
  }
}
