package dev.podlife.analyzer.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.podlife.analyzer.pods.PodProjection;
import dev.podlife.analyzer.store.FactStoreException;
import dev.podlife.analyzer.store.FeatureProjection;
import dev.podlife.analyzer.store.FeatureProjections;

/**
 * Keeps the store within its {@link RetentionPolicy}: once at start and every {@value
 * #EVERY_MINUTES} minutes, drops the whole UTC days before the cutoff (older than the retention, or
 * the oldest ones while the store is over its size; never today's or a later day), and in the same
 * transaction forgets the pods whose every fact is gone from every projection and deletes the dead
 * letters received before the cutoff. Pods with a fact on a kept day keep all their projections.
 * One analyzer runs it at a time (a PostgreSQL advisory lock); every run is recorded in {@code
 * retention_run}. Also measures the store for the {@code podlife_storage_*} gauges.
 */
public final class Retention implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
  static final long EVERY_MINUTES = 5;

  /** Pods forgotten per statement, bounding statement size on a large first run. */
  private static final int FORGET_CHUNK = 10_000;

  private final Jdbi jdbi;
  private final RetentionPolicy policy;
  private final Clock clock;
  private final List<FeatureProjection> features = FeatureProjections.all();
  private final AtomicLong storeBytes = new AtomicLong();
  private final AtomicLong facts = new AtomicLong();
  private final AtomicLong oldestDaySeconds = new AtomicLong();
  private final AtomicLong lastRunSeconds = new AtomicLong();
  private ScheduledExecutorService timer;

  public Retention(Jdbi jdbi, RetentionPolicy policy, Clock clock, MeterRegistry registry) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    Gauge.builder("podlife.storage.bytes", storeBytes, AtomicLong::get)
        .description(
            "bytes of the event store and its projections (pg_total_relation_size: tables, TOAST,"
                + " indexes), measured every 5 minutes")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("podlife.storage.facts", facts, AtomicLong::get)
        .description("facts stored (PostgreSQL's row estimate of the fact partitions)")
        .register(registry);
    Gauge.builder("podlife.storage.oldest.day", oldestDaySeconds, AtomicLong::get)
        .description("start (Unix seconds) of the oldest UTC day kept; 0 when the store is empty")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("podlife.retention.last.run", lastRunSeconds, AtomicLong::get)
        .description("when (Unix seconds) this analyzer last ran retention; 0 before the first")
        .baseUnit("seconds")
        .register(registry);
  }

  public RetentionPolicy policy() {
    return policy;
  }

  /** Runs now, then every {@value #EVERY_MINUTES} minutes on a thread of its own, until closed. */
  public synchronized void start() {
    if (timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "podlife-retention");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::runLogged, 0, EVERY_MINUTES, TimeUnit.MINUTES);
  }

  private void runLogged() {
    try {
      runOnce();
    } catch (FactStoreException e) {
      // the next run tries again; nothing was half-done (one transaction)
      LOG.warn("{}; retrying in {} minutes", e.getMessage(), EVERY_MINUTES, e);
    } catch (RuntimeException e) {
      // an uncaught exception would cancel the schedule silently: say so, and try again next time
      LOG.error("Retention failed unexpectedly; retrying in {} minutes", EVERY_MINUTES, e);
    }
  }

  /**
   * One run: applies the policy (unless another analyzer is running it) and measures the store.
   *
   * @return the recorded run, or empty when the policy keeps everything or another analyzer holds
   *     the retention lock
   * @throws FactStoreException when the database fails; the run's transaction is rolled back
   */
  public Optional<RetentionRun> runOnce() {
    Instant started = clock.instant();
    try {
      Optional<RetentionRun> run =
          policy.limited()
              ? Optional.ofNullable(jdbi.inTransaction(h -> apply(h, started)))
              : Optional.empty();
      run.ifPresent(Retention::log);
      measure();
      lastRunSeconds.set(started.getEpochSecond());
      return run;
    } catch (JdbiException e) {
      throw new FactStoreException(
          "Couldn't apply the retention " + describe(policy) + " to the store", e);
    }
  }

  /** Refreshes the gauges from the database. */
  public void measure() {
    jdbi.useHandle(
        h -> {
          storeBytes.set(StoreSize.bytes(h));
          facts.set(
              h.createQuery(
                      """
                      SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint
                      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                      WHERE i.inhparent = 'fact'::regclass
                      """)
                  .mapTo(Long.class)
                  .one());
          TreeMap<LocalDate, StoreSize.Day> days = StoreSize.days(h);
          oldestDaySeconds.set(
              days.isEmpty() ? 0 : days.firstKey().atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        });
  }

  private RetentionRun apply(Handle h, Instant started) {
    boolean ours =
        h.createQuery("SELECT pg_try_advisory_xact_lock(hashtext('podlife_retention'))")
            .mapTo(Boolean.class)
            .one();
    if (!ours) {
      LOG.debug("Another analyzer is running retention; skipping this run");
      return null;
    }
    LocalDate today = LocalDate.ofInstant(started, ZoneOffset.UTC);
    TreeMap<LocalDate, StoreSize.Day> days = StoreSize.days(h);
    long before = StoreSize.bytes(h);
    LocalDate ageCutoff =
        policy.maxAge() == null
            ? null
            : LocalDate.ofInstant(started.minus(policy.maxAge()), ZoneOffset.UTC);

    // oldest first: the days older than the retention, then more while the store is too large
    long size = before;
    boolean byAge = false;
    boolean bySize = false;
    List<LocalDate> drop = new ArrayList<>();
    long freed = 0;
    int tables = 0;
    for (Map.Entry<LocalDate, StoreSize.Day> day : days.entrySet()) {
      if (!day.getKey().isBefore(today)) {
        break;
      }
      if (ageCutoff != null && day.getKey().isBefore(ageCutoff)) {
        byAge = true;
      } else if (policy.maxBytes() != null && size > policy.maxBytes()) {
        bySize = true;
      } else {
        break;
      }
      drop.add(day.getKey());
      size -= day.getValue().bytes();
      freed += day.getValue().bytes();
      tables += day.getValue().tables();
    }
    String limitNotMet =
        policy.maxBytes() != null && size > policy.maxBytes()
            ? "the store is "
                + size
                + " bytes over --max-storage "
                + policy.maxBytes()
                + " bytes after dropping every day before today (today's and later partitions"
                + " and the projections are kept)"
            : null;
    String reason = byAge && bySize ? "age+size" : byAge ? "age" : bySize ? "size" : "none";
    if (drop.isEmpty()) {
      // only the latest run that dropped nothing is kept: the log stays bounded
      h.createUpdate("DELETE FROM retention_run WHERE partitions_dropped = 0").execute();
      return record(h, started, null, reason, List.of(), 0, 0, 0, before, 0, limitNotMet);
    }
    LocalDate cutoff = drop.getLast().plusDays(1);

    // the partition lock first, as podlife_ensure_partitions takes it before the tables; then no
    // fact is written until this commits, so "no fact left" cannot race with a pod's new fact
    h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('podlife_partitions'))) l")
        .mapTo(Integer.class)
        .one();
    h.execute("LOCK TABLE fact, pod_history IN SHARE MODE");
    List<LocalDate> dropped =
        h.createQuery("SELECT * FROM podlife_drop_partitions_before(:cutoff)")
            .bind("cutoff", cutoff)
            .mapTo(LocalDate.class)
            .list();
    int forgotten = forgetPodsWithoutFacts(h, cutoff);
    Instant cutoffStart = cutoff.atStartOfDay(ZoneOffset.UTC).toInstant();
    int deadLetters =
        h.createUpdate("DELETE FROM dead_letter WHERE received_at < :cutoff")
            .bind("cutoff", cutoffStart)
            .execute();
    // coverage before the cutoff describes days whose facts are gone: it goes with them
    h.createUpdate("DELETE FROM collector_heartbeat WHERE sent_at < :cutoff")
        .bind("cutoff", cutoffStart)
        .execute();
    // a gap that starts before the cutoff starts at a heartbeat now deleted: no gap without it
    h.createUpdate("DELETE FROM coverage_gap WHERE from_at < :cutoff")
        .bind("cutoff", cutoffStart)
        .execute();
    return record(
        h,
        started,
        cutoff,
        reason,
        dropped,
        tables,
        forgotten,
        deadLetters,
        before,
        freed,
        limitNotMet);
  }

  /**
   * Forgets the pods whose latest fact is before the cutoff (pod.updated_at is the latest fact's
   * time) and that have no fact left, from pod and every feature projection.
   */
  private int forgetPodsWithoutFacts(Handle h, LocalDate cutoff) {
    List<String[]> gone =
        h.createQuery(
                """
                SELECT p.cluster, p.uid FROM pod p
                WHERE p.updated_at < :cutoff
                  AND NOT EXISTS (SELECT 1 FROM fact f WHERE f.cluster = p.cluster AND f.pod_uid = p.uid)
                """)
            .bind("cutoff", cutoff.atStartOfDay(ZoneOffset.UTC).toInstant())
            .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
            .list();
    PodProjection pods = new PodProjection(h);
    for (int from = 0; from < gone.size(); from += FORGET_CHUNK) {
      List<String[]> chunk = gone.subList(from, Math.min(gone.size(), from + FORGET_CHUNK));
      String[] clusters = chunk.stream().map(p -> p[0]).toArray(String[]::new);
      String[] uids = chunk.stream().map(p -> p[1]).toArray(String[]::new);
      for (FeatureProjection feature : features) {
        feature.forget(h, clusters, uids);
      }
      pods.forget(clusters, uids);
    }
    return gone.size();
  }

  private RetentionRun record(
      Handle h,
      Instant started,
      LocalDate cutoff,
      String reason,
      List<LocalDate> days,
      int partitions,
      int pods,
      int deadLetters,
      long before,
      long freed,
      String limitNotMet) {
    Instant finished = clock.instant();
    Long retentionSeconds = policy.maxAge() == null ? null : policy.maxAge().toSeconds();
    long id =
        h.createQuery(
                """
                INSERT INTO retention_run (started_at, finished_at, cutoff, reason, retention_seconds, max_storage_bytes,
                    partitions_dropped, days_dropped, pods_forgotten, dead_letters_deleted, bytes_before, bytes_freed,
                    limit_not_met)
                VALUES (:started, :finished, :cutoff, :reason, :retention, :maxBytes, :partitions, CAST(:days AS date[]), :pods,
                    :deadLetters, :before, :freed, :limitNotMet)
                RETURNING id
                """)
            .bind("started", started)
            .bind("finished", finished)
            .bind("cutoff", cutoff)
            .bind("reason", reason)
            .bind("retention", retentionSeconds)
            .bind("maxBytes", policy.maxBytes())
            .bind("partitions", partitions)
            .bind("days", days.stream().map(LocalDate::toString).toArray(String[]::new))
            .bind("pods", pods)
            .bind("deadLetters", deadLetters)
            .bind("before", before)
            .bind("freed", freed)
            .bind("limitNotMet", limitNotMet)
            .mapTo(Long.class)
            .one();
    return new RetentionRun(
        id,
        started,
        finished,
        cutoff,
        reason,
        retentionSeconds,
        policy.maxBytes(),
        partitions,
        days,
        pods,
        deadLetters,
        before,
        freed,
        limitNotMet);
  }

  private static void log(RetentionRun run) {
    if (run.cutoff() != null) {
      LOG.info(
          "Retention ({}) dropped {} days before {} ({} partitions, {} bytes), forgot {} pods with"
              + " no fact left, deleted {} dead letters",
          run.reason(),
          run.daysDropped().size(),
          run.cutoff(),
          run.partitionsDropped(),
          run.bytesFreed(),
          run.podsForgotten(),
          run.deadLettersDeleted());
    }
    if (run.limitNotMet() != null) {
      LOG.warn("Retention cannot meet --max-storage: {}", run.limitNotMet());
    }
  }

  static String describe(RetentionPolicy policy) {
    List<String> parts = new ArrayList<>();
    if (policy.maxAge() != null) {
      parts.add("--retention " + policy.maxAge());
    }
    if (policy.maxBytes() != null) {
      parts.add("--max-storage " + policy.maxBytes() + " bytes");
    }
    return parts.isEmpty() ? "(keep everything)" : String.join(" ", parts);
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      try {
        if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
          LOG.warn("Retention still running after 10 s; its transaction ends with the connection");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      timer = null;
    }
  }
}
