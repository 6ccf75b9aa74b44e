package dev.podlife.analyzer.coverage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import dev.podlife.analyzer.query.internal.Reads;
import dev.podlife.events.CollectorHeartbeat;

/**
 * When each cluster was observed, read from the collector's stored heartbeats: heartbeats closer
 * than {@value #TOLERANCE} intervals (the larger of the two) belong to one {@link
 * ObservedInterval}; a longer silence is a {@link Gap}, and so is the time since the last heartbeat
 * once it is longer. Derived from the stored heartbeats, so redelivered or doubly stored heartbeats
 * cannot split or double an interval; the gaps between heartbeats are also kept as heartbeats are
 * stored ({@code coverage_gap}), for the readers that need only them.
 */
public final class Coverage {
  /** How many heartbeat intervals of silence still count as observed (one or two late beats). */
  public static final double TOLERANCE = 2.5;

  private final Reads<HeartbeatRows> reads;

  /** Reads on a handle of its own per call. */
  public Coverage(Jdbi jdbi) {
    this(Reads.of(jdbi, HeartbeatRows.class));
  }

  /** Reads on {@code handle}; its Jdbi must have the SqlObjectPlugin installed. */
  public static Coverage on(Handle handle) {
    return new Coverage(Reads.on(handle, HeartbeatRows.class));
  }

  private Coverage(Reads<HeartbeatRows> reads) {
    this.reads = reads;
  }

  private <T> T read(Function<HeartbeatRows, T> read) {
    return reads.apply(read);
  }

  /**
   * Stores heartbeats in the caller's transaction (the facts' one); those stored before change
   * nothing. Each new one re-derives the gaps of the pairs of instants around it, so the stored
   * gaps stay those {@link #report} derives, whatever the order heartbeats arrive in. Call it last
   * in the transaction: it holds a per-cluster lock till the end, and the caller must not wait for
   * rows another analyzer holds meanwhile.
   */
  public static void keep(
      Handle handle, Collection<CollectorHeartbeat> heartbeats, Instant receivedAt) {
    HeartbeatRows rows = handle.attach(HeartbeatRows.class);
    // locks in cluster order: two analyzers with heartbeats of the same clusters cannot deadlock
    new TreeSet<>(heartbeats.stream().map(CollectorHeartbeat::cluster).toList())
        .forEach(rows::lockGaps);
    for (CollectorHeartbeat beat : heartbeats) {
      int stored =
          rows.insert(
              beat.cluster(),
              beat.sentAt(),
              beat.instance(),
              beat.interval().toMillis(),
              beat.startedAt(),
              beat.resumed(),
              receivedAt);
      if (stored > 0) {
        rederiveGapsAround(rows, beat.cluster(), beat.sentAt());
      }
    }
  }

  /**
   * The pairs of consecutive instants that {@code at} is one of: a new instant splits the pair
   * around it; a new row at a known instant may widen its interval, and so its pairs' tolerance.
   */
  private static void rederiveGapsAround(HeartbeatRows rows, String cluster, Instant at) {
    List<HeartbeatRows.Neighbour> instants = rows.instantsAround(cluster, at);
    int self = 0;
    while (!instants.get(self).self()) {
      self++;
    }
    HeartbeatRows.Neighbour current = instants.get(self);
    HeartbeatRows.Neighbour before = self > 0 ? instants.get(self - 1) : null;
    HeartbeatRows.Neighbour after = self + 1 < instants.size() ? instants.get(self + 1) : null;
    if (before != null) {
      rows.deleteGapFrom(cluster, before.sentAt()); // (before, after) or (before, at)
      if (isGap(before.beat(), current.beat())) {
        rows.insertGap(cluster, before.sentAt(), current.sentAt());
      }
    }
    rows.deleteGapFrom(cluster, current.sentAt());
    if (after != null && isGap(current.beat(), after.beat())) {
      rows.insertGap(cluster, current.sentAt(), after.sentAt());
    }
  }

  /** Whether two consecutive heartbeat instants are further apart than the larger tolerance. */
  private static boolean isGap(HeartbeatRows.Beat earlier, HeartbeatRows.Beat later) {
    return Duration.between(earlier.sentAt(), later.sentAt())
            .compareTo(tolerance(Math.max(earlier.intervalMs(), later.intervalMs())))
        > 0;
  }

  /**
   * Whether the time from the last heartbeat instant till {@code now} is longer than its tolerance.
   */
  private static boolean silentSince(HeartbeatRows.Beat last, Instant now) {
    return Duration.between(last.sentAt(), now).compareTo(tolerance(last.intervalMs())) > 0;
  }

  /**
   * The coverage of {@code cluster} in {@code [from, to]} as of {@code now}; empty when the cluster
   * never sent a heartbeat.
   */
  public Optional<CoverageReport> report(String cluster, Instant from, Instant to, Instant now) {
    Objects.requireNonNull(cluster, "cluster");
    return read(
        rows -> {
          HeartbeatRows.Extent extent = rows.extent(cluster);
          if (extent.first() == null) {
            return Optional.empty();
          }
          List<HeartbeatRows.Beat> beats = rows.around(cluster, from, to);
          return Optional.of(compute(cluster, from, to, now, extent, beats));
        });
  }

  /**
   * The gaps of {@code cluster} overlapping {@code [from, to]}; none when it never sent one. The
   * same as {@link #report}'s, read from the stored gaps (a few rows) rather than from every
   * heartbeat of the window (a pod's history asks for its whole life).
   */
  public List<Gap> gaps(String cluster, Instant from, Instant to, Instant now) {
    Objects.requireNonNull(cluster, "cluster");
    return read(
        rows -> {
          Optional<HeartbeatRows.Beat> last = rows.lastInstant(cluster);
          if (last.isEmpty()) {
            return List.of();
          }
          List<Gap> gaps = new ArrayList<>(rows.gapsOverlapping(cluster, from, to));
          Instant lastAt = last.get().sentAt();
          // the silence since the last heartbeat, once longer than its tolerance
          if (silentSince(last.get(), now) && lastAt.isBefore(to) && now.isAfter(from)) {
            gaps.add(new Gap(lastAt, now, true));
          }
          return List.copyOf(gaps);
        });
  }

  /** Each cluster's latest heartbeat. */
  public List<LastHeartbeat> lastHeartbeats() {
    return read(
        rows ->
            rows.lastPerCluster().stream()
                .map(last -> new LastHeartbeat(last.cluster(), last.sentAt()))
                .toList());
  }

  /** A cluster's latest heartbeat. */
  public record LastHeartbeat(String cluster, Instant sentAt) {}

  /** {@code beats}: one per heartbeat instant, in time order ({@link HeartbeatRows#around}). */
  static CoverageReport compute(
      String cluster,
      Instant from,
      Instant to,
      Instant now,
      HeartbeatRows.Extent extent,
      List<HeartbeatRows.Beat> beats) {
    List<ObservedInterval> intervals = new ArrayList<>();
    List<Gap> gaps = new ArrayList<>();
    HeartbeatRows.Beat start = null;
    HeartbeatRows.Beat previous = null;
    for (HeartbeatRows.Beat beat : beats) {
      if (previous == null) {
        start = beat;
      } else if (isGap(previous, beat)) {
        intervals.add(new ObservedInterval(start.sentAt(), previous.sentAt(), false));
        gaps.add(new Gap(previous.sentAt(), beat.sentAt(), false));
        start = beat;
      }
      previous = beat;
    }
    if (previous != null) {
      if (!previous.sentAt().equals(extent.last())) {
        // the window ends before the last heartbeat: the last run read goes on beyond it
        intervals.add(new ObservedInterval(start.sentAt(), previous.sentAt(), false));
      } else if (!silentSince(previous, now)) {
        Instant end = now.isBefore(previous.sentAt()) ? previous.sentAt() : now;
        intervals.add(new ObservedInterval(start.sentAt(), end, true));
      } else {
        intervals.add(new ObservedInterval(start.sentAt(), previous.sentAt(), false));
        gaps.add(new Gap(previous.sentAt(), now, true));
      }
    }
    // an interval's start before the window is not known exactly (only the last heartbeat before
    // the window is read), so intervals are cut to the window; gaps end at heartbeats read, exactly
    List<ObservedInterval> overlapping =
        intervals.stream()
            .filter(i -> !i.from().isAfter(to) && !i.to().isBefore(from))
            .map(
                i ->
                    new ObservedInterval(
                        i.from().isBefore(from) ? from : i.from(),
                        i.to().isAfter(to) ? to : i.to(),
                        i.ongoing()))
            .toList();
    List<Gap> overlappingGaps =
        gaps.stream().filter(g -> g.from().isBefore(to) && g.to().isAfter(from)).toList();
    Instant measuredFrom = from.isBefore(extent.first()) ? extent.first() : from;
    Double fraction = null;
    if (measuredFrom.isBefore(to)) {
      long observed = 0;
      for (ObservedInterval interval : overlapping) {
        Instant a = interval.from().isBefore(measuredFrom) ? measuredFrom : interval.from();
        Instant b = interval.to();
        if (a.isBefore(b)) {
          observed += Duration.between(a, b).toMillis();
        }
      }
      fraction = (double) observed / Duration.between(measuredFrom, to).toMillis();
    }
    return new CoverageReport(
        cluster, from, to, extent.first(), extent.last(), fraction, overlapping, overlappingGaps);
  }

  private static Duration tolerance(long intervalMs) {
    return Duration.ofMillis(Math.round(intervalMs * TOLERANCE));
  }
}
