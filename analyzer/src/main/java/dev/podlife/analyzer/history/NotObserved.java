package dev.podlife.analyzer.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.podlife.analyzer.coverage.Coverage;
import dev.podlife.analyzer.coverage.Gap;

/**
 * Puts the cluster's coverage gaps into a page of a pod's history, as entries of type {@value
 * #TYPE} ("not observed between … and …"), so a reader sees where facts may be missing. An entry
 * sits at its gap's start, after the facts before it, and carries the kubectl columns as they were
 * (nothing was seen to change them); its {@code factId} is the preceding fact's (0 before the
 * first), so a cursor taken from it continues where it should.
 */
public final class NotObserved {
  public static final String TYPE = "NotObserved";

  private NotObserved() {}

  /**
   * {@code facts} with an entry for each of {@code gaps} that starts in this page: after {@code
   * after} (the cursor's instant; null on the first page, which also takes the gaps before its
   * first fact) and at or before {@code through} (the page's last fact when more pages follow; null
   * on the last page).
   */
  public static List<HistoryEntry> among(
      List<HistoryEntry> facts, List<Gap> gaps, Instant after, Instant through) {
    List<Gap> here =
        gaps.stream()
            .filter(g -> after == null || g.from().isAfter(after))
            .filter(g -> through == null || !g.from().isAfter(through))
            .sorted(Comparator.comparing(Gap::from))
            .toList();
    if (here.isEmpty()) {
      return facts;
    }
    List<HistoryEntry> merged = new ArrayList<>(facts.size() + here.size());
    int next = 0;
    HistoryEntry previous = null;
    for (HistoryEntry fact : facts) {
      while (next < here.size() && here.get(next).from().isBefore(fact.at())) {
        merged.add(entry(here.get(next++), previous));
      }
      merged.add(fact);
      previous = fact;
    }
    while (next < here.size()) {
      merged.add(entry(here.get(next++), previous));
    }
    return merged;
  }

  /**
   * The gaps of {@code cluster} overlapping a pod's life ({@code createdAt} till {@code deletedAt},
   * or till {@code now} while it lives) within {@code [from, to)} (either end may be null).
   */
  public static List<Gap> duringLife(
      Coverage coverage,
      String cluster,
      Instant createdAt,
      Instant deletedAt,
      Instant from,
      Instant to,
      Instant now) {
    if (createdAt == null) {
      return List.of();
    }
    Instant lifeFrom = from == null || createdAt.isAfter(from) ? createdAt : from;
    Instant end = deletedAt == null ? now : deletedAt;
    Instant lifeTo = to == null || end.isBefore(to) ? end : to;
    return lifeFrom.isBefore(lifeTo) ? coverage.gaps(cluster, lifeFrom, lifeTo, now) : List.of();
  }

  private static HistoryEntry entry(Gap gap, HistoryEntry previous) {
    return new HistoryEntry(
        gap.from(),
        TYPE,
        "",
        gap.summary(),
        previous == null ? null : previous.status(),
        previous == null ? null : previous.ready(),
        previous == null ? 0 : previous.restarts(),
        previous == null ? 0 : previous.factId(),
        null);
  }
}
