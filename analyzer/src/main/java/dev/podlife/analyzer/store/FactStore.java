package dev.podlife.analyzer.store;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;

import dev.podlife.analyzer.coverage.Coverage;
import dev.podlife.analyzer.history.HistoryProjection;
import dev.podlife.analyzer.metrics.LifecycleMetrics;
import dev.podlife.analyzer.pods.PodProjection;
import dev.podlife.events.CollectorHeartbeat;
import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;
import dev.podlife.events.UnreadableFactException;

/**
 * The Postgres event store: appends facts once per natural key and, in the same transaction, folds
 * the newly stored ones into the {@code pod} and {@code pod_history} projections. Used by the Kafka
 * consumer and, without Kafka, by offline analysis.
 */
public final class FactStore {
  private static final Logger LOG = LoggerFactory.getLogger(FactStore.class);

  /** Facts read per query when replaying; bounds the memory of a rebuild. */
  private static final int REPLAY_CHUNK = 5_000;

  /**
   * Facts inserted per statement; bounds statement size and the snapshot cache for large offline
   * inputs.
   */
  private static final int STATEMENT_CHUNK = 2_000;

  /**
   * How often {@link #append} creates the partitions ahead again (the first append always does).
   */
  private static final Duration AHEAD_EVERY = Duration.ofHours(1);

  /** SQLSTATE of "no partition of relation … found for row" (check_violation). */
  private static final String NO_PARTITION = "23514";

  private final Jdbi jdbi;
  private final Clock clock;
  private final Partitions partitions;
  private volatile Instant aheadAt;
  private final List<FeatureProjection> features;

  /**
   * The same projections without counters: a rebuild replays history, which must not count again.
   */
  private final List<FeatureProjection> replayFeatures;

  /**
   * A store keeping the pod projections and every feature projection of {@link
   * FeatureProjections#all()}.
   */
  public FactStore(Jdbi jdbi, Clock clock) {
    this(jdbi, clock, FeatureProjections.all());
  }

  /**
   * Like {@link #FactStore(Jdbi, Clock)}, and counts what the projections find on {@code registry}
   * (see {@link LifecycleMetrics}); a rebuild counts nothing.
   */
  public FactStore(Jdbi jdbi, Clock clock, MeterRegistry registry) {
    this(
        jdbi,
        clock,
        FeatureProjections.all(new LifecycleMetrics(registry)),
        FeatureProjections.all());
  }

  public FactStore(Jdbi jdbi, Clock clock, List<FeatureProjection> features) {
    this(jdbi, clock, features, features);
  }

  private FactStore(
      Jdbi jdbi,
      Clock clock,
      List<FeatureProjection> features,
      List<FeatureProjection> replayFeatures) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.features = List.copyOf(features);
    this.replayFeatures = List.copyOf(replayFeatures);
    this.partitions = new Partitions(jdbi, clock);
    jdbi.installPlugin(new SqlObjectPlugin());
  }

  /**
   * Stores the facts not stored yet and projects them, all in one transaction; duplicates change
   * nothing. Facts of one pod must be given in the order they happened (as Kafka delivers them per
   * pod key).
   *
   * @throws FactStoreException when the database fails; nothing of the batch is stored then
   */
  public IngestResult append(List<SourcedFact> facts) {
    return append(facts, List.of());
  }

  /**
   * Like {@link #append(List)}, and keeps {@code deadLetters} in the same transaction, so a poll's
   * readable and unreadable records are stored together or not at all.
   */
  public IngestResult append(List<SourcedFact> facts, List<DeadLetter> deadLetters) {
    return append(facts, deadLetters, List.of());
  }

  /**
   * Like {@link #append(List, List)}, and keeps the collector's {@code heartbeats} (see {@link
   * Coverage}) in the same transaction: a poll's records are stored together or not at all.
   */
  public IngestResult append(
      List<SourcedFact> facts, List<DeadLetter> deadLetters, List<CollectorHeartbeat> heartbeats) {
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(deadLetters, "deadLetters");
    Objects.requireNonNull(heartbeats, "heartbeats");
    if (facts.isEmpty() && deadLetters.isEmpty() && heartbeats.isEmpty()) {
      return IngestResult.EMPTY;
    }
    try {
      ensurePartitions(facts);
      try {
        return jdbi.inTransaction(handle -> appendIn(handle, facts, deadLetters, heartbeats));
      } catch (JdbiException | SQLException e) {
        if (!noPartition(e)) {
          throw e;
        }
        // a day known to this process was dropped meanwhile (retention): create it again, once
        partitions.forget();
        ensurePartitions(facts);
        return jdbi.inTransaction(handle -> appendIn(handle, facts, deadLetters, heartbeats));
      }
    } catch (JdbiException | SQLException e) {
      throw new FactStoreException(
          "Couldn't store a batch of "
              + facts.size()
              + " facts and "
              + deadLetters.size()
              + " dead letters and "
              + heartbeats.size()
              + " heartbeats; the transaction was rolled back",
          e);
    }
  }

  /**
   * Creates the day partitions of {@code fact} and {@code pod_history} from today to {@value
   * Partitions#DAYS_AHEAD} days ahead that are missing; the analyzer calls it when it starts, and
   * {@link #append} again every hour.
   *
   * @throws FactStoreException when the database fails
   */
  public void createPartitionsAhead() {
    try {
      partitions.ensureAhead();
      aheadAt = clock.instant();
    } catch (JdbiException e) {
      throw new FactStoreException("Couldn't create the partitions of the days ahead", e);
    }
  }

  /** The partitions this batch needs (its facts' days), and the days ahead once an hour. */
  private void ensurePartitions(List<SourcedFact> facts) {
    Instant last = aheadAt;
    if (last == null || !clock.instant().isBefore(last.plus(AHEAD_EVERY))) {
      partitions.ensureAhead();
      aheadAt = clock.instant();
    }
    Set<LocalDate> days = new HashSet<>();
    for (SourcedFact f : facts) {
      days.add(Partitions.dayOf(f.fact().at()));
    }
    partitions.ensure(days);
  }

  private static boolean noPartition(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && NO_PARTITION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private IngestResult appendIn(
      Handle handle,
      List<SourcedFact> facts,
      List<DeadLetter> deadLetters,
      List<CollectorHeartbeat> heartbeats)
      throws SQLException {
    Instant storedAt = clock.instant();
    int inserted = 0;
    Projection projection =
        new Projection(new PodProjection(handle), new HistoryProjection(handle), begin(handle));
    // a large offline input stays one transaction but goes in statements of bounded size
    for (int from = 0; from < facts.size(); from += STATEMENT_CHUNK) {
      List<SourcedFact> chunk = facts.subList(from, Math.min(facts.size(), from + STATEMENT_CHUNK));
      long[] ids = FactIngest.insert(handle.getConnection(), chunk, storedAt, from == 0);
      projection.preload(chunk.stream().map(f -> f.fact().pod()).toList());
      // 0: stored before, or given earlier in the batch (stored and projected once)
      List<FeatureProjection.NewFact> fresh = new ArrayList<>();
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] != 0) {
          fresh.add(new FeatureProjection.NewFact(ids[i], chunk.get(i).fact()));
        }
      }
      projection.preloadFeatures(fresh);
      for (FeatureProjection.NewFact f : fresh) {
        projection.apply(f.factId(), f.fact());
      }
      inserted += fresh.size();
      projection.flush();
      projection.forget();
    }
    DeadLetterRows letters = handle.attach(DeadLetterRows.class);
    for (DeadLetter letter : deadLetters) {
      insert(letters, letter, storedAt);
    }
    Coverage.keep(handle, heartbeats, storedAt);
    return new IngestResult(facts.size(), inserted, facts.size() - inserted);
  }

  /**
   * Empties {@code pod} and {@code pod_history} and replays every stored fact in id order, in one
   * transaction (so readers see the old projections until it commits) reading the facts in chunks.
   * The collector's heartbeats are kept as they are: they are not derived from facts, and coverage
   * is derived from them when read.
   */
  public void rebuildProjections() {
    try {
      long replayed =
          jdbi.inTransaction(
              handle -> {
                PodProjection pods = new PodProjection(handle);
                HistoryProjection history = new HistoryProjection(handle);
                FactRows factRows = handle.attach(FactRows.class);
                pods.truncate();
                history.truncate();
                replayFeatures.forEach(feature -> feature.truncate(handle));
                Projection projection =
                    new Projection(
                        pods,
                        history,
                        replayFeatures.stream().map(feature -> feature.begin(handle)).toList());
                long after = 0;
                long count = 0;
                while (true) {
                  List<FactRows.StoredFact> chunk = factRows.after(after, REPLAY_CHUNK);
                  if (chunk.isEmpty()) {
                    return count;
                  }
                  List<FeatureProjection.NewFact> facts = new ArrayList<>(chunk.size());
                  for (FactRows.StoredFact stored : chunk) {
                    facts.add(new FeatureProjection.NewFact(stored.id(), readStored(stored)));
                  }
                  projection.preload(facts.stream().map(f -> f.fact().pod()).toList());
                  projection.preloadFeatures(facts);
                  for (FeatureProjection.NewFact f : facts) {
                    projection.apply(f.factId(), f.fact());
                    after = f.factId();
                  }
                  count += chunk.size();
                  projection.flush();
                  projection.forget();
                }
              });
      LOG.info("Rebuilt the pod projections from {} stored facts", replayed);
    } catch (JdbiException e) {
      throw new FactStoreException(
          "Couldn't rebuild the pod projections; the old ones are kept", e);
    }
  }

  private List<FeatureProjection.Batch> begin(Handle handle) {
    return features.stream().map(feature -> feature.begin(handle)).toList();
  }

  /**
   * Keeps a record of the facts topic that is not a fact; a record kept before is not kept twice.
   */
  public void deadLetter(
      String topic, int partition, long offset, byte[] key, byte[] value, String error) {
    DeadLetter letter = new DeadLetter(topic, partition, offset, key, value, error);
    try {
      jdbi.useTransaction(
          handle -> insert(handle.attach(DeadLetterRows.class), letter, clock.instant()));
    } catch (JdbiException e) {
      throw new FactStoreException(
          "Couldn't keep the unreadable record "
              + topic
              + "-"
              + partition
              + "@"
              + offset
              + " as a dead letter",
          e);
    }
  }

  private static void insert(DeadLetterRows rows, DeadLetter letter, Instant receivedAt) {
    rows.insert(
        letter.topic(),
        letter.partition(),
        letter.offset(),
        letter.key() == null ? null : text(new String(letter.key(), StandardCharsets.UTF_8)),
        letter.value(),
        text(letter.error()),
        receivedAt);
  }

  /** PostgreSQL text cannot hold NUL; a dead letter must be storable whatever the record held. */
  private static String text(String s) {
    return s.indexOf('\0') < 0 ? s : s.replace("\0", "\\u0000");
  }

  private static Fact readStored(FactRows.StoredFact stored) {
    try {
      return FactSerde.fromJson(stored.payload());
    } catch (UnreadableFactException e) {
      throw new FactStoreException(
          "Stored fact " + stored.id() + " is unreadable by this build: " + e.getMessage(), e);
    }
  }
}
