package dev.podlife.analyzer.coverage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import dev.podlife.analyzer.query.internal.Reads;
import dev.podlife.events.CollectorHeartbeat;

/**
 * When each cluster was observed, read from the collector's stored heartbeats: heartbeats closer
 * than {@value #TOLERANCE} intervals (the larger of the two) belong to one {@link
 * ObservedInterval}; a longer silence is a {@link Gap}, and so is the time since the last heartbeat
 * once it is longer. Derived when read, so redelivered or doubly stored heartbeats cannot split or
 * double an interval.
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
   * nothing.
   */
  public static void keep(
      Handle handle, Collection<CollectorHeartbeat> heartbeats, Instant receivedAt) {
    HeartbeatRows rows = handle.attach(HeartbeatRows.class);
    for (CollectorHeartbeat beat : heartbeats) {
      rows.insert(
          beat.cluster(),
          beat.sentAt(),
          beat.instance(),
          beat.interval().toMillis(),
          beat.startedAt(),
          beat.resumed(),
          receivedAt);
    }
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

  /** The gaps of {@code cluster} overlapping {@code [from, to]}; none when it never sent one. */
  public List<Gap> gaps(String cluster, Instant from, Instant to, Instant now) {
    return report(cluster, from, to, now).map(CoverageReport::gaps).orElse(List.of());
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
      if (previous != null && beat.sentAt().equals(previous.sentAt())) {
        continue; // two instances at one instant (a leadership hand-over): one observation
      }
      if (previous == null) {
        start = beat;
      } else if (Duration.between(previous.sentAt(), beat.sentAt())
              .compareTo(tolerance(Math.max(previous.intervalMs(), beat.intervalMs())))
          > 0) {
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
      } else if (Duration.between(previous.sentAt(), now)
              .compareTo(tolerance(previous.intervalMs()))
          <= 0) {
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
