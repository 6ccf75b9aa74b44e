package dev.podlife.bench.ingest;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;

import com.zaxxer.hikari.HikariDataSource;

import dev.podlife.analyzer.AnalyzerConfig;
import dev.podlife.analyzer.store.FactStore;
import dev.podlife.analyzer.store.SourcedFact;
import dev.podlife.bench.BenchDatabases;
import dev.podlife.bench.Figure;
import dev.podlife.bench.data.RecordedPods;
import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;

import static dev.podlife.analyzer.store.CopyText.field;
import static dev.podlife.analyzer.store.CopyText.last;

/**
 * Ingest speed: the same realistic facts (recorded pods, {@link RecordedPods}, as the facts topic
 * would deliver them: interleaved by time, keyed by pod into {@value #PARTITIONS} partitions)
 * stored by the analyzer's real path — {@link FactStore#append} with every projection, one call per
 * poll of the consumer's batch size — into a fresh database, and by one raw {@code COPY} of the
 * same rows into the {@code fact} table of another fresh database (the baseline). The ratio is the
 * issue's figure (target >= 0.60). A third database stores them through a {@link FactStore} without
 * feature projections, which splits the analyzer's time into "facts + pod/pod_history" and "feature
 * projections".
 *
 * <p>It also checks that several analyzers of one consumer group share the partitions with
 * identical results: two stores (own pools) ingest half the partitions each, concurrently, and both
 * store the last two polls of one partition at the same time (a batch in flight on the old owner,
 * redelivered to the new one after a rebalance); every table then equals the single analyzer's (ids
 * aside).
 *
 * <p>Command line (kept stable for whoever tunes the ingest path): {@code java -jar
 * bench/target/podlife-bench.jar --only ingest --scale small}.
 */
public final class IngestBench {
  static final int PARTITIONS = 6;
  static final String TOPIC = "podlife.facts";
  static final double TARGET_RATIO = 0.60;

  /** The analyzers' clock in every database, so that stored_at and the like compare equal. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

  private static final Instant FIRST_POD = Instant.parse("2026-11-28T00:00:00Z");

  private static final String COPY =
      "COPY fact (cluster, pod_uid, fact_type, subject, resource_version, namespace, pod_name, at,"
          + " observed_at, stored_at, payload, source_topic, source_partition, source_offset)"
          + " FROM STDIN";

  private IngestBench() {}

  /** The figures of one run. */
  public record Result(
      int facts,
      int pods,
      int batch,
      double analyzerFactsPerSecond,
      double copyRowsPerSecond,
      double withoutFeaturesFactsPerSecond,
      boolean sharedIdentical,
      List<String> sharedDifferences) {
    public double ratio() {
      return analyzerFactsPerSecond / copyRowsPerSecond;
    }

    public List<Figure> figures() {
      double analyzerSeconds = facts / analyzerFactsPerSecond;
      double coreSeconds = facts / withoutFeaturesFactsPerSecond;
      return List.of(
          new Figure(
              "ingest: analyzer vs raw COPY",
              String.format(Locale.ROOT, "%,.0f facts/s", analyzerFactsPerSecond),
              String.format(Locale.ROOT, "%,.0f rows/s", copyRowsPerSecond),
              String.format(Locale.ROOT, "%.2f×", ratio()),
              ">= 0.60×",
              ratio() >= TARGET_RATIO,
              String.format(
                  Locale.ROOT,
                  "%,d facts of %,d recorded pods, FactStore.append per poll of %d; baseline one"
                      + " COPY into fact. Split: facts+pod/pod_history %.1f s, feature projections"
                      + " %.1f s",
                  facts,
                  pods,
                  batch,
                  coreSeconds,
                  analyzerSeconds - coreSeconds)),
          new Figure(
              "ingest: 2 analyzers share partitions",
              sharedIdentical ? "identical" : "DIFFERENT",
              "1 analyzer",
              sharedIdentical ? "=" : "≠",
              "identical tables",
              sharedIdentical,
              sharedIdentical
                  ? "2 stores, 3 partitions each, concurrently; the last 2 polls of one partition"
                      + " stored by both at once"
                  : "differs: " + String.join(", ", sharedDifferences)));
    }
  }

  /**
   * Runs the benchmark on fresh databases of {@code databases}.
   *
   * @param wantedFacts about how many facts to store (whole recorded pods, so a few more)
   * @param progress where progress lines go (stderr)
   */
  public static Result run(BenchDatabases databases, int wantedFacts, PrintStream progress)
      throws Exception {
    int batch = AnalyzerConfig.DEFAULT_MAX_POLL_RECORDS;
    long generating = System.nanoTime();
    RecordedPods recorded = RecordedPods.load();
    int pods = podsFor(recorded, wantedFacts);
    List<SourcedFact> facts = stream(recorded, pods);
    progress.printf(
        Locale.ROOT,
        "ingest: %,d facts of %,d pods generated in %.1f s%n",
        facts.size(),
        pods,
        seconds(System.nanoTime() - generating));
    List<List<SourcedFact>> polls = polls(facts, batch);

    try (HikariDataSource warmup = databases.fresh("ingest_warmup")) {
      // JIT and connection warm-up on a throw-away database: a tenth of the polls, both paths
      FactStore store = new FactStore(Jdbi.create(warmup), CLOCK);
      polls.subList(0, Math.max(1, polls.size() / 10)).forEach(store::append);
      rows(facts.subList(0, Math.min(facts.size(), 5_000)));
    }

    double copyRate;
    try (HikariDataSource copy = databases.fresh("ingest_copy")) {
      copyRate = copy(copy, facts, progress);
    }
    double withoutFeatures;
    try (HikariDataSource core = databases.fresh("ingest_core")) {
      withoutFeatures =
          append(
              new FactStore(Jdbi.create(core), CLOCK, List.of()),
              polls,
              "facts + pod/history",
              progress);
    }
    HikariDataSource single = databases.fresh("ingest_analyzer");
    try (single) {
      double analyzer =
          append(new FactStore(Jdbi.create(single), CLOCK), polls, "analyzer", progress);
      List<String> differences;
      try (HikariDataSource shared = databases.fresh("ingest_shared");
          HikariDataSource second = databases.connectTo("ingest_shared")) {
        shared(shared, second, facts, batch, progress);
        differences = TableContents.differences(Jdbi.create(single), Jdbi.create(shared));
      }
      progress.printf(
          "ingest: two analyzers sharing partitions: %s%n",
          differences.isEmpty() ? "every table identical" : "differs in " + differences);
      return new Result(
          facts.size(),
          pods,
          batch,
          analyzer,
          copyRate,
          withoutFeatures,
          differences.isEmpty(),
          differences);
    }
  }

  /**
   * The facts of {@code pods} recorded pods as the topic would hold them: pods starting a few
   * seconds apart over the days from {@link #FIRST_POD}, their facts merged by time (each pod's in
   * its own order), sourced from partition hash(pod) with increasing offsets.
   */
  static List<SourcedFact> stream(RecordedPods recorded, int pods) {
    record Pending(Deque<Fact> facts) {}
    PriorityQueue<Pending> queue =
        new PriorityQueue<>(Comparator.comparing((Pending p) -> p.facts().peekFirst().at()));
    long spacingMillis = Math.max(1, Duration.ofDays(2).toMillis() / Math.max(1, pods));
    for (int n = 0; n < pods; n++) {
      List<Fact> life = recorded.pod("bench", n, FIRST_POD.plusMillis(n * spacingMillis));
      if (!life.isEmpty()) {
        queue.add(new Pending(new ArrayDeque<>(life)));
      }
    }
    long[] offsets = new long[PARTITIONS];
    List<SourcedFact> out = new ArrayList<>();
    while (!queue.isEmpty()) {
      Pending next = queue.poll();
      Fact fact = next.facts().pollFirst();
      int partition = Math.floorMod(fact.pod().uid().hashCode(), PARTITIONS);
      out.add(new SourcedFact(fact, TOPIC, partition, offsets[partition]++));
      if (!next.facts().isEmpty()) {
        queue.add(next);
      }
    }
    return out;
  }

  /** How many copies of the recorded lives give about {@code wantedFacts} facts. */
  static int podsFor(RecordedPods recorded, int wantedFacts) {
    long perCycle = 0;
    for (int n = 0; n < recorded.lives(); n++) {
      perCycle += recorded.pod("bench", n, FIRST_POD).size();
    }
    return (int) Math.max(1, Math.ceil((double) wantedFacts * recorded.lives() / perCycle));
  }

  private static List<List<SourcedFact>> polls(List<SourcedFact> facts, int batch) {
    List<List<SourcedFact>> polls = new ArrayList<>();
    for (int from = 0; from < facts.size(); from += batch) {
      polls.add(facts.subList(from, Math.min(facts.size(), from + batch)));
    }
    return polls;
  }

  private static double append(
      FactStore store, List<List<SourcedFact>> polls, String what, PrintStream progress) {
    long facts = polls.stream().mapToLong(List::size).sum();
    long start = System.nanoTime();
    long reported = start;
    long done = 0;
    for (List<SourcedFact> poll : polls) {
      store.append(poll);
      done += poll.size();
      long now = System.nanoTime();
      if (now - reported > 10_000_000_000L) {
        progress.printf(Locale.ROOT, "ingest: %s %,d / %,d facts%n", what, done, facts);
        reported = now;
      }
    }
    double rate = facts / seconds(System.nanoTime() - start);
    progress.printf(Locale.ROOT, "ingest: %s %,.0f facts/s%n", what, rate);
    return rate;
  }

  /** The baseline: one COPY of every fact's row into {@code fact}, in one transaction. */
  private static double copy(HikariDataSource ds, List<SourcedFact> facts, PrintStream progress)
      throws Exception {
    // the days' partitions, as the analyzer creates them on demand (not timed)
    Set<LocalDate> days = new TreeSet<>();
    facts.forEach(f -> days.add(f.fact().at().atZone(ZoneOffset.UTC).toLocalDate()));
    Jdbi.create(ds)
        .useHandle(
            h -> {
              for (LocalDate day : days) {
                h.createQuery("SELECT podlife_ensure_partitions(:day, :day)")
                    .bind("day", day)
                    .mapTo(Integer.class)
                    .one();
              }
            });
    long start = System.nanoTime();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new ByteArrayInputStream(rows(facts)));
      c.commit();
    }
    double rate = facts.size() / seconds(System.nanoTime() - start);
    progress.printf(Locale.ROOT, "ingest: raw COPY %,.0f rows/s%n", rate);
    return rate;
  }

  /**
   * Two analyzers of one group: partitions 0–2 to the first, 3–5 to the second, concurrently; the
   * first's last two polls are redelivered to the second and stored by both at the same time.
   */
  private static void shared(
      HikariDataSource first,
      HikariDataSource second,
      List<SourcedFact> facts,
      int batch,
      PrintStream progress)
      throws Exception {
    List<List<SourcedFact>> firstPolls =
        polls(facts.stream().filter(f -> f.partition() < PARTITIONS / 2).toList(), batch);
    List<List<SourcedFact>> secondPolls =
        polls(facts.stream().filter(f -> f.partition() >= PARTITIONS / 2).toList(), batch);
    int overlapFrom = Math.max(0, firstPolls.size() - 2);
    List<List<SourcedFact>> overlap = firstPolls.subList(overlapFrom, firstPolls.size());
    FactStore a = new FactStore(Jdbi.create(first), CLOCK);
    FactStore b = new FactStore(Jdbi.create(second), CLOCK);
    CyclicBarrier rebalance = new CyclicBarrier(2);
    long start = System.nanoTime();
    try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
      Future<?> one =
          threads.submit(
              () -> {
                firstPolls.subList(0, overlapFrom).forEach(a::append);
                rebalance.await();
                overlap.forEach(a::append);
                return null;
              });
      Future<?> two =
          threads.submit(
              () -> {
                secondPolls.forEach(b::append);
                rebalance.await();
                overlap.forEach(b::append);
                return null;
              });
      one.get();
      two.get();
    }
    progress.printf(
        Locale.ROOT,
        "ingest: two analyzers stored %,d facts (%,d of them by both) in %.1f s%n",
        facts.size(),
        overlap.stream().mapToInt(List::size).sum(),
        seconds(System.nanoTime() - start));
  }

  /** COPY text rows of {@code fact}, as the analyzer's own would be (serialized here, timed). */
  static byte[] rows(List<SourcedFact> facts) {
    StringBuilder out = new StringBuilder(facts.size() * 1024);
    String storedAt = CLOCK.instant().toString();
    for (SourcedFact sourced : facts) {
      Fact fact = sourced.fact();
      Fact.NaturalKey key = fact.naturalKey();
      field(out, key.cluster());
      field(out, key.podUid());
      field(out, key.type());
      field(out, key.subject() == null ? "" : key.subject());
      field(out, key.resourceVersion() == null ? "" : key.resourceVersion());
      field(out, fact.pod().namespace() == null ? "" : fact.pod().namespace());
      field(out, fact.pod().name() == null ? "" : fact.pod().name());
      field(out, fact.at().toString());
      field(out, fact.observedAt() == null ? null : fact.observedAt().toString());
      field(out, storedAt);
      field(out, FactSerde.toJson(fact));
      field(out, sourced.topic());
      field(out, sourced.partition() == null ? null : sourced.partition().toString());
      last(out, sourced.offset() == null ? null : sourced.offset().toString());
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
