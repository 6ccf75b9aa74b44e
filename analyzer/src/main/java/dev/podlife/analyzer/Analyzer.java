package dev.podlife.analyzer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

import dev.podlife.analyzer.coverage.Coverage;
import dev.podlife.analyzer.coverage.CoverageMetrics;
import dev.podlife.analyzer.store.DeadLetter;
import dev.podlife.analyzer.store.FactStore;
import dev.podlife.analyzer.store.FactStoreException;
import dev.podlife.analyzer.store.IngestResult;
import dev.podlife.analyzer.store.SourcedFact;
import dev.podlife.events.CollectorHeartbeat;
import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;

/**
 * Consumes the facts topic into the {@link FactStore}: each poll is stored in one transaction
 * (unreadable records as dead letters), then its offsets are committed. A crash between the two
 * redelivers facts the store ignores as duplicates; a database outage holds the batch and retries
 * it with backoff, committing nothing meanwhile.
 */
public final class Analyzer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Analyzer.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration TOPIC_WAIT = Duration.ofSeconds(1);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final AnalyzerConfig config;
  private final FactStore store;
  private final MeterRegistry registry;
  private final String clientId = "podlife-analyzer-" + INSTANCES.incrementAndGet();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Counter stored;
  private final Counter duplicates;
  private final Counter deadLetters;
  private final Counter storeFailures;
  private final Timer batchLatency;
  private final Coverage coverage;
  private final CoverageMetrics coverageMetrics;

  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile Thread thread;
  private volatile boolean storing = true;
  private volatile boolean failed;

  /** Partitions revoked since the current batch was polled; the loop thread reads and clears it. */
  private final Set<TopicPartition> revoked = new HashSet<>();

  private final List<Runnable> batchListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  public Analyzer(AnalyzerConfig config, Jdbi jdbi, Clock clock, MeterRegistry registry) {
    this.config = Objects.requireNonNull(config, "config");
    this.store = new FactStore(jdbi, clock, registry);
    this.registry = Objects.requireNonNull(registry, "registry");
    this.stored =
        Counter.builder("podlife.analyzer.facts.stored")
            .description("facts stored for the first time")
            .register(registry);
    this.duplicates =
        Counter.builder("podlife.analyzer.facts.duplicate")
            .description("facts already stored, ignored")
            .register(registry);
    this.deadLetters =
        Counter.builder("podlife.analyzer.dead.letters")
            .description("records kept as dead letters")
            .register(registry);
    this.storeFailures =
        Counter.builder("podlife.analyzer.store.failures")
            .description("batches the database failed to store")
            .register(registry);
    this.batchLatency =
        Timer.builder("podlife.analyzer.batch")
            .description("time to store one poll's batch")
            .register(registry);
    this.coverage = new Coverage(jdbi);
    this.coverageMetrics = new CoverageMetrics(registry, clock);
    Gauge.builder("podlife.analyzer.healthy", this, a -> a.isHealthy() ? 1 : 0).register(registry);
  }

  /** The store this analyzer writes, also usable directly (offline analysis, rebuilds). */
  public FactStore store() {
    return store;
  }

  /**
   * Runs {@code listener} on the consumer thread after each batch is stored and committed (e.g. to
   * nudge the alert evaluator); it must return quickly.
   */
  public void onBatchStored(Runnable listener) {
    batchListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Starts the consumer thread; it waits for the facts topic to exist. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("Analyzer " + clientId + " is already started");
    }
    if (closing.getCount() == 0) {
      throw new IllegalStateException("Analyzer " + clientId + " is closed");
    }
    consumer =
        new KafkaConsumer<>(
            consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    thread = new Thread(this::run, clientId);
    thread.start();
  }

  /**
   * True while the consumer thread runs and its last batch was stored: false during a database
   * outage and after a fatal error.
   */
  public boolean isHealthy() {
    Thread t = thread;
    return t != null && t.isAlive() && storing && !failed;
  }

  /** Stops consuming: the batch in hand is committed if it was stored, else left for redelivery. */
  @Override
  public void close() {
    closing.countDown();
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      try {
        if (!t.join(Duration.ofSeconds(30))) {
          LOG.warn("Analyzer {} did not stop within 30 s", clientId);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Properties consumerProperties() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    if (config.groupInstanceId() != null) {
      props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.groupInstanceId());
    }
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
    // the collector owns the topic: never create it with broker defaults from here
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    return props;
  }

  private boolean closing() {
    return closing.getCount() == 0;
  }

  private void run() {
    KafkaConsumer<byte[], byte[]> c = consumer;
    try (KafkaClientMetrics metrics = new KafkaClientMetrics(c)) {
      metrics.bindTo(registry);
      createPartitionsAhead();
      loadCoverage();
      if (!awaitTopic(c)) {
        return;
      }
      c.subscribe(List.of(config.factsTopic()), new Revocations());
      LOG.info(
          "Analyzer {} consuming {} as group {}", clientId, config.factsTopic(), config.groupId());
      while (!closing()) {
        ConsumerRecords<byte[], byte[]> records = c.poll(config.pollTimeout());
        synchronized (revoked) {
          revoked.clear();
        }
        if (!records.isEmpty()) {
          handle(c, records);
        }
      }
    } catch (WakeupException e) {
      if (!closing()) {
        failed = true;
        LOG.error("Analyzer {} was woken up unexpectedly and stops", clientId, e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed = !closing();
    } catch (RuntimeException e) {
      failed = true;
      LOG.error("Analyzer {} stops: consuming {} failed", clientId, config.factsTopic(), e);
    } finally {
      try {
        // leave the group even as a static member (--group-instance-id): a stopped replica's
        // partitions move at once; only a crashed one is waited for, and takes them back on restart
        c.close(
            CloseOptions.timeout(Duration.ofSeconds(5))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
      } catch (RuntimeException e) {
        LOG.warn("Analyzer {} could not close its Kafka consumer cleanly", clientId, e);
      }
    }
  }

  /**
   * Creates the store's day partitions ahead (today and the next days) before the first batch; the
   * store keeps doing so every hour and creates any other day a batch needs, so a database that is
   * not reachable yet only delays it.
   */
  private void createPartitionsAhead() {
    try {
      store.createPartitionsAhead();
    } catch (FactStoreException e) {
      LOG.warn(
          "Analyzer {} couldn't create the partitions ahead yet (the first batch will): {}",
          clientId,
          e.getMessage());
    }
  }

  /** The clusters' latest heartbeats for the unobserved-seconds gauge; later batches update it. */
  private void loadCoverage() {
    try {
      coverageMetrics.load(coverage);
    } catch (JdbiException e) {
      LOG.warn(
          "Analyzer {} couldn't read the latest heartbeats yet (stored ones will follow): {}",
          clientId,
          e.getMessage());
    }
  }

  /** Waits until the collector created the topic; false when closed meanwhile. */
  private boolean awaitTopic(KafkaConsumer<byte[], byte[]> c) throws InterruptedException {
    boolean logged = false;
    while (!closing()) {
      try {
        if (c.listTopics(Duration.ofSeconds(10)).containsKey(config.factsTopic())) {
          return true;
        }
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        LOG.warn(
            "Analyzer {} can't list topics at {} yet; still waiting",
            clientId,
            config.bootstrapServers());
      }
      if (!logged) {
        LOG.info(
            "Analyzer {} waits for the topic {} (the collector creates it)",
            clientId,
            config.factsTopic());
        logged = true;
      }
      if (closing.await(TOPIC_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        return false;
      }
    }
    return false;
  }

  private void handle(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
    Batch batch = Batch.of(records);
    Timer.Sample sample = Timer.start(registry);
    IngestResult result = storeWithRetry(c, batch);
    if (result == null) {
      return; // closed or partitions moved away while the database was down: nothing committed,
      // nothing skipped
    }
    sample.stop(batchLatency);
    stored.increment(result.inserted());
    duplicates.increment(result.duplicates());
    deadLetters.increment(batch.deadLetters.size());
    coverageMetrics.heard(batch.heartbeats);
    try {
      c.commitSync(batch.nextOffsets());
    } catch (CommitFailedException | RebalanceInProgressException e) {
      // the partitions moved on: their next owner re-reads from the last commit and the store
      // ignores the duplicates
      LOG.info(
          "Analyzer {} could not commit after a rebalance; the batch will be redelivered as"
              + " duplicates",
          clientId);
    }
    batchListeners.forEach(Runnable::run);
  }

  /**
   * Stores the batch, retrying while the database is out; null when the batch must be given up
   * (closing, or its partitions were revoked meanwhile), after rewinding the partitions still owned
   * to the batch's first offsets.
   */
  private IngestResult storeWithRetry(KafkaConsumer<byte[], byte[]> c, Batch batch) {
    Duration backoff = FIRST_BACKOFF;
    while (true) {
      try {
        IngestResult result = storeOnce(batch);
        storing = true;
        c.resume(c.paused());
        return result;
      } catch (FactStoreException e) {
        storing = false;
        storeFailures.increment();
        LOG.warn(
            "Analyzer {} couldn't store {} records ({}); retrying in {} ms without committing",
            clientId,
            batch.size(),
            rootMessage(e),
            backoff.toMillis());
      }
      // Wait by polling paused partitions: keeps this consumer in the group, and close() can wake
      // it.
      c.pause(c.assignment());
      try {
        ConsumerRecords<byte[], byte[]> meanwhile = c.poll(backoff);
        rewind(
            c,
            meanwhile.partitions().stream()
                .collect(
                    HashMap::new,
                    (m, tp) -> m.put(tp, meanwhile.records(tp).getFirst().offset()),
                    Map::putAll));
      } catch (WakeupException e) {
        if (closing()) {
          return null;
        }
        throw e;
      }
      Set<TopicPartition> lost;
      synchronized (revoked) {
        lost = new HashSet<>(revoked);
      }
      if (!Collections.disjoint(lost, batch.partitions()) || closing()) {
        Map<TopicPartition, Long> firsts = new HashMap<>(batch.firstOffsets());
        firsts.keySet().retainAll(c.assignment());
        rewind(c, firsts);
        c.resume(c.paused());
        return null;
      }
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
  }

  /**
   * One attempt. When the database refuses the data of the batch (not an outage), stores it record
   * by record so that only the records it refuses become dead letters; the store is idempotent, so
   * a retry after a partial attempt stores nothing twice.
   */
  private IngestResult storeOnce(Batch batch) {
    try {
      return store.append(batch.facts, batch.deadLetters, batch.heartbeats);
    } catch (FactStoreException e) {
      if (!StoreFailures.refusesData(e)) {
        throw e;
      }
      LOG.warn(
          "Analyzer {}: the database refused a batch ({}); storing it record by record",
          clientId,
          rootMessage(e));
    }
    IngestResult total = store.append(List.of(), batch.deadLetters, batch.heartbeats);
    for (int i = 0; i < batch.facts.size(); i++) {
      SourcedFact fact = batch.facts.get(i);
      try {
        total = total.plus(store.append(List.of(fact)));
      } catch (FactStoreException e) {
        if (!StoreFailures.refusesData(e)) {
          throw e;
        }
        ConsumerRecord<byte[], byte[]> record = batch.factRecords.get(i);
        DeadLetter letter =
            new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value(),
                "Refused by the database: " + rootMessage(e));
        store.append(List.of(), List.of(letter));
        batch.deadLetters.add(letter);
        total = total.plus(new IngestResult(1, 0, 0));
      }
    }
    return total;
  }

  private static void rewind(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> offsets) {
    offsets.forEach(c::seek);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  /**
   * Notes revoked partitions so a batch held through a database outage is not stored for partitions
   * now owned by another consumer.
   */
  private final class Revocations implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      synchronized (revoked) {
        revoked.addAll(partitions);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      onPartitionsRevoked(partitions);
    }
  }

  /** One poll's records: the readable facts (with their records) and the dead letters. */
  private static final class Batch {
    final List<SourcedFact> facts = new ArrayList<>();
    final List<ConsumerRecord<byte[], byte[]>> factRecords = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final List<CollectorHeartbeat> heartbeats = new ArrayList<>();
    private final Map<TopicPartition, Long> first = new HashMap<>();
    private final Map<TopicPartition, Long> last = new HashMap<>();

    static Batch of(ConsumerRecords<byte[], byte[]> records) {
      Batch batch = new Batch();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        batch.first.putIfAbsent(tp, record.offset());
        batch.last.put(tp, record.offset());
        if (record.key() == null) {
          // facts are keyed by pod UID so one pod's facts stay in order on one partition; an
          // unkeyed record may
          // overtake its pod's earlier facts, so it is kept aside rather than folded into the
          // projections
          batch.deadLetters.add(
              new DeadLetter(
                  record.topic(),
                  record.partition(),
                  record.offset(),
                  null,
                  record.value(),
                  "Record has no key: facts are keyed by their pod's UID"));
          continue;
        }
        try {
          switch (FactSerde.messageFromBytes(record.value())) {
            case Fact fact -> {
              batch.facts.add(
                  new SourcedFact(fact, record.topic(), record.partition(), record.offset()));
              batch.factRecords.add(record);
            }
            case CollectorHeartbeat heartbeat -> batch.heartbeats.add(heartbeat);
          }
        } catch (RuntimeException e) {
          // UnreadableFactException, or anything else a malformed record provokes: keep it, never
          // stop the partition
          batch.deadLetters.add(
              new DeadLetter(
                  record.topic(),
                  record.partition(),
                  record.offset(),
                  record.key(),
                  record.value(),
                  e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
      }
      return batch;
    }

    int size() {
      return facts.size() + deadLetters.size() + heartbeats.size();
    }

    Set<TopicPartition> partitions() {
      return first.keySet();
    }

    Map<TopicPartition, Long> firstOffsets() {
      return first;
    }

    Map<TopicPartition, OffsetAndMetadata> nextOffsets() {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      last.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset + 1)));
      return offsets;
    }
  }
}
