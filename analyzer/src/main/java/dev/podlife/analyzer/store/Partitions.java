package dev.podlife.analyzer.store;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.jdbi.v3.core.Jdbi;

/**
 * The day partitions of {@code fact} and {@code pod_history} (one per UTC day): created through the
 * migrations' SQL function {@code podlife_ensure_partitions} in a short transaction of their own,
 * before the ingest transaction that needs them (it serializes concurrent analyzers with an
 * advisory lock). Days known to exist are remembered per process, so a batch of known days costs no
 * round trip.
 */
final class Partitions {
  /** Days created ahead of today. */
  static final int DAYS_AHEAD = 7;

  private final Jdbi jdbi;
  private final Clock clock;
  private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

  Partitions(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  static LocalDate dayOf(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  /** Creates the partitions of today .. today + {@value #DAYS_AHEAD} that are missing. */
  void ensureAhead() {
    LocalDate today = dayOf(clock.instant());
    LocalDate last = today.plusDays(DAYS_AHEAD);
    boolean all = true;
    for (LocalDate d = today; !d.isAfter(last); d = d.plusDays(1)) {
      all &= known.contains(d);
    }
    if (!all) {
      ensure(today, last);
    }
  }

  /** Creates the partitions of these days that are missing. */
  void ensure(Collection<LocalDate> days) {
    TreeSet<LocalDate> missing = new TreeSet<>();
    for (LocalDate day : days) {
      if (!known.contains(day)) {
        missing.add(day);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    jdbi.useTransaction(
        handle -> {
          for (LocalDate day : missing) {
            handle
                .createQuery("SELECT podlife_ensure_partitions(:day, :day)")
                .bind("day", day)
                .mapTo(Integer.class)
                .one();
          }
        });
    known.addAll(missing);
  }

  private void ensure(LocalDate from, LocalDate to) {
    jdbi.useTransaction(
        handle ->
            handle
                .createQuery("SELECT podlife_ensure_partitions(:from, :to)")
                .bind("from", from)
                .bind("to", to)
                .mapTo(Integer.class)
                .one());
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      known.add(d);
    }
  }

  /** Forgets the days known to exist (partitions may have been dropped meanwhile). */
  void forget() {
    known.clear();
  }
}
