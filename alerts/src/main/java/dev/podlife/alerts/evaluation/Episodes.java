package dev.podlife.alerts.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.podlife.alerts.rules.ConditionType;
import dev.podlife.alerts.rules.RuleSpec;

/**
 * Folds a rule's occurrences into episodes, per group and in time order; a pure function shared by
 * live evaluation and backtests. An occurrence counts in the trailing window at time t while {@code
 * at > t − window}.
 *
 * <ul>
 *   <li>Counting conditions: an episode opens at the occurrence that brings the count in the window
 *       to {@code threshold}; it stays open while later occurrences keep it there, and ends at (the
 *       threshold-th most recent occurrence).at + window, the moment the count falls below the
 *       threshold. With threshold 1: fires on the first, repeats within the window extend it,
 *       resolves a window after the last.
 *   <li>startup_p99 (one occurrence per started pod, at its creation, value = its SLI): at each
 *       pod, the nearest-rank p99 of the SLIs of the pods created in the window. An episode opens
 *       at a pod where the window holds at least {@code threshold} pods and the p99 exceeds the
 *       latency; it ends at the first later pod that brings the p99 to the latency or below (at
 *       that pod's time), or a window after its last pod when no pod follows in time.
 * </ul>
 */
public final class Episodes {
  private static final Comparator<Occurrence> IN_TIME_ORDER =
      Comparator.comparing(Occurrence::at)
          .thenComparing(Occurrence::podUid)
          .thenComparing(o -> o.container() == null ? "" : o.container());

  private Episodes() {}

  /**
   * Every episode of every group, ordered by start (then fingerprint); occurrences may come in any
   * order.
   */
  public static List<Episode> of(RuleSpec rule, List<Occurrence> occurrences) {
    Map<Group, List<Occurrence>> groups = new LinkedHashMap<>();
    occurrences.stream()
        .sorted(IN_TIME_ORDER)
        .forEach(o -> groups.computeIfAbsent(o.group(), g -> new ArrayList<>()).add(o));
    List<Episode> episodes = new ArrayList<>();
    groups.forEach(
        (group, ordered) ->
            episodes.addAll(
                rule.condition().type() == ConditionType.STARTUP_P99
                    ? p99(
                        group,
                        ordered,
                        rule.window(),
                        rule.threshold(),
                        rule.condition().latency().toMillis())
                    : counted(group, ordered, rule.window(), rule.threshold())));
    episodes.sort(
        Comparator.comparing(Episode::startsAt).thenComparing(e -> e.group().fingerprint()));
    return episodes;
  }

  private static List<Episode> counted(
      Group group, List<Occurrence> ordered, Duration window, int threshold) {
    List<Episode> episodes = new ArrayList<>();
    Open open = null;
    int windowStart = 0; // index of the oldest occurrence still in the window
    for (int i = 0; i < ordered.size(); i++) {
      Occurrence o = ordered.get(i);
      if (open != null) {
        Instant end = ordered.get(i - threshold).at().plus(window);
        if (!o.at().isBefore(end)) {
          episodes.add(open.end(end));
          open = null;
        }
      }
      while (!ordered.get(windowStart).at().isAfter(o.at().minus(window))) {
        windowStart++;
      }
      int inWindow = i - windowStart + 1;
      if (open != null) {
        open.add(o, inWindow);
      } else if (inWindow >= threshold) {
        open = new Open(group, o, inWindow, inWindow);
      }
    }
    if (open != null) {
      episodes.add(open.end(ordered.get(ordered.size() - threshold).at().plus(window)));
    }
    return episodes;
  }

  private static List<Episode> p99(
      Group group, List<Occurrence> ordered, Duration window, int threshold, long latencyMs) {
    List<Episode> episodes = new ArrayList<>();
    Open open = null;
    int windowStart = 0;
    SlidingValues inWindowValues = new SlidingValues();
    for (int i = 0; i < ordered.size(); i++) {
      Occurrence o = ordered.get(i);
      if (open != null) {
        Instant end = open.last.at().plus(window);
        if (!o.at().isBefore(end)) {
          episodes.add(open.end(end));
          open = null;
        }
      }
      inWindowValues.add(valueOf(o));
      while (!ordered.get(windowStart).at().isAfter(o.at().minus(window))) {
        inWindowValues.remove(valueOf(ordered.get(windowStart)));
        windowStart++;
      }
      double p99 = inWindowValues.nearestRankP99();
      int inWindow = i - windowStart + 1;
      if (open != null) {
        if (p99 <= latencyMs) {
          episodes.add(open.end(o.at()));
          open = null;
        } else {
          open.add(o, p99);
        }
      } else if (inWindow >= threshold && p99 > latencyMs) {
        open = new Open(group, o, 1, p99);
      }
    }
    if (open != null) {
      episodes.add(open.end(open.last.at().plus(window)));
    }
    return episodes;
  }

  private static double valueOf(Occurrence o) {
    return o.value() == null ? 0 : o.value();
  }

  /**
   * The values of the pods in the sliding window, counted by value: the p99 is found walking down
   * from the largest, about 1% of the window per step, instead of sorting the whole window at every
   * pod.
   */
  private static final class SlidingValues {
    private final TreeMap<Double, Integer> counts = new TreeMap<>();
    private int size;

    void add(double value) {
      counts.merge(value, 1, Integer::sum);
      size++;
    }

    void remove(double value) {
      counts.computeIfPresent(value, (v, n) -> n == 1 ? null : n - 1);
      size--;
    }

    /** The value at rank ⌈0.99 · n⌉ in ascending order (nearest rank, as percentile_disc(0.99)). */
    double nearestRankP99() {
      int rank = Math.max((int) Math.ceil(0.99 * size), 1);
      int fromTop = size - rank + 1;
      int seen = 0;
      for (Map.Entry<Double, Integer> e : counts.descendingMap().entrySet()) {
        seen += e.getValue();
        if (seen >= fromTop) {
          return e.getKey();
        }
      }
      throw new IllegalStateException("no pods in the window");
    }
  }

  /** The value at rank ⌈0.99 · n⌉ of the pods' values (nearest rank, as percentile_disc(0.99)). */
  static double nearestRankP99(List<Occurrence> pods) {
    SlidingValues values = new SlidingValues();
    pods.forEach(o -> values.add(valueOf(o)));
    return values.nearestRankP99();
  }

  /** An episode being built. */
  private static final class Open {
    final Group group;
    final Occurrence first;
    Occurrence last;
    int occurrences;
    double value;

    Open(Group group, Occurrence first, int occurrences, double value) {
      this.group = group;
      this.first = first;
      this.last = first;
      this.occurrences = occurrences;
      this.value = value;
    }

    void add(Occurrence o, double value) {
      last = o;
      occurrences++;
      this.value = value;
    }

    Episode end(Instant endsAt) {
      return new Episode(group, first.at(), endsAt, occurrences, first, last, value);
    }
  }
}
