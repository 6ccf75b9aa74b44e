package dev.podlife.bench.collector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import dev.podlife.collector.extract.PodSnapshots;
import dev.podlife.embedded.KafkaBroker;
import dev.podlife.events.CollectorHeartbeat;
import dev.podlife.events.FactDiff;
import dev.podlife.events.PodSnapshot;

/**
 * The collector at scale: {@code pods} realistic pods (default 10,000) created through a fabric8
 * mock API server in CRUD mode (real HTTP, real watches), then {@code updates} status updates each
 * (default 3: ContainerCreating, Running, Ready), written at {@code rate} writes/s, while the real
 * {@link dev.podlife.collector.Collector} (informers, pipeline, {@code FactPublisher}), in a JVM of
 * its own, streams their facts into a real in-process KRaft broker.
 *
 * <p>Usage, after {@code ./mvnw -B -q -pl bench -am package -DskipTests}: {@code java -Xmx1g -cp
 * "bench/target/podlife-bench.jar:bench/target/lib/*"
 * dev.podlife.bench.collector.CollectorScaleBench [pods [updates [writes/s]]]} (a JDK 21+; about 4
 * minutes with the defaults), or {@link #run(int, int, PrintStream)} from another benchmark.
 *
 * <p><b>Publish lag</b>: the writer stamps each write (create or update) with the wall-clock time
 * its response arrived, i.e. when the API server had stored it and sent the watch event; its
 * resourceVersion identifies it (one global counter in the mock). The facts topic is created by the
 * bench with {@code message.timestamp.type=LogAppendTime}, so each fact record carries the broker's
 * append time, which with replication factor 1 is when the producer's ack leaves. The lag of a
 * write is the append time of the last fact derived from it minus its stamp; a consumer in the
 * bench reads them all back (and also records when it consumed each, reported as end-to-end lag).
 * Every write's facts are counted against the facts the collector's own {@link FactDiff} derives
 * for that stage (computed offline for pod 0: every pod has the same shape), so a missing fact
 * shows. The lag is split at the fact's {@code observedAt} (when the collector's informer handed
 * the pod over) into the API server's and informer's part and the collector's own (queue, diff,
 * serialization, producer); its baseline is a bare watch on the same pods in this JVM: what the API
 * server delivers to any client at this load.
 *
 * <p><b>Heap beyond the informer cache</b>: the collector runs in a JVM of its own ({@link
 * WatchProcess}, same JVM flags for every child, {@code -Xmx768m} unless {@code
 * -Dpodlife.bench.childHeap} says otherwise), as in production, so the broker, the mock server and
 * the writer in this JVM are not in the heap measured. Once every fact arrived (and the sender had
 * 2 s to write the last snapshots), it reports its heap used after full GC with the collector
 * watching the pods, and exits; then a second JVM runs a plain fabric8 {@code SharedIndexInformer}
 * on all namespaces' pods (the same objects, in their final state) and reports the same; a third
 * only creates the client. Collector − informer is what the collector holds beyond the informer
 * cache (its per-pod state, queues, Kafka producer buffers, threads); informer − idle is the cache
 * itself. Each figure is the least of five {@code System.gc()} readings (a full, compacting GC with
 * G1). Measuring in one JVM instead proved unusable: the mock server's queued watch messages and
 * list buffers swing its heap by tens of MB between phases. Set {@code
 * -Dpodlife.bench.histograms=<dir>} to have each child write a {@code GC.class_histogram}.
 */
public final class CollectorScaleBench {
  /** The issue's targets. */
  public static final long HEAP_TARGET_BYTES = 128L * 1024 * 1024;

  public static final long LAG_P99_TARGET_MILLIS = 1_000;

  /**
   * Writes per second by default: about half of what fabric8's mock server sustains here with 10k
   * pods stored (its CRUD dispatcher scans every stored object per request, on one event-loop
   * thread). At its limit (measured: 372 writes/s unpaced) its own watch delivery backs up by
   * seconds (p99 1.6 s before any informer sees the write), which would measure the mock, not the
   * collector. 200/s is still a busy cluster: a rollout of 10k pods in under 4 minutes.
   */
  public static final double DEFAULT_RATE = 200;

  static final String CLUSTER = "bench";
  static final String FACTS_TOPIC = "bench.collector.facts";
  static final String STATE_TOPIC = "bench.collector.state";
  static final int PARTITIONS = 6;
  private static final int WRITERS = 8;
  private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(20);
  private static final byte[] RV_FIELD = "\"resourceVersion\":\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OBSERVED_FIELD = "\"observedAt\":\"".getBytes(StandardCharsets.UTF_8);
  // The mock logs every request at INFO via java.util.logging, which holds loggers weakly.
  private static final Logger MOCK_LOGGER = Logger.getLogger("io.fabric8.mockwebserver");

  private CollectorScaleBench() {}

  /** Lag percentiles over a set of writes, in milliseconds. */
  public record Lag(int writes, long p50Millis, long p99Millis, long maxMillis) {
    static Lag of(long[] millis) {
      if (millis.length == 0) {
        return new Lag(0, 0, 0, 0);
      }
      long[] sorted = millis.clone();
      Arrays.sort(sorted);
      return new Lag(
          sorted.length, percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    private static long percentile(long[] sorted, int p) {
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.max(0, rank - 1)];
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "p50 %d ms, p99 %d ms, max %d ms (%d writes)",
          p50Millis,
          p99Millis,
          maxMillis,
          writes);
    }
  }

  /**
   * The figures of one run.
   *
   * @param writeRate the rate the writer achieved, writes/s (the mock server caps it)
   * @param heapCollectorBytes heap used after GC with the collector watching the pods
   * @param heapInformerBytes heap used after GC with a plain informer watching them instead
   * @param heapIdleBytes heap used after GC with nothing watching (broker, mock server, pods)
   * @param updateLag publish lag of the status updates (to the broker's append, ≈ the ack)
   * @param createLag publish lag of the creates
   * @param endToEndLag update lag to the bench consumer's poll instead of the append
   * @param deliveryLag of {@code updateLag}, the part until the collector's informer delivered the
   *     update (the fact's observedAt): the API server's watch and the informer
   * @param collectorLag of {@code updateLag}, the part from the informer's delivery to the append:
   *     the collector's queue, diff, serialization and producer
   * @param watchLag the baseline: write to delivery through a bare watch on the same pods in the
   *     bench's JVM, i.e. what the API server itself adds at this load
   * @param factsExpected facts the writes imply by the collector's own diff
   * @param factsSeen facts read back from the facts topic
   * @param writesWithoutAllFacts writes of which fewer facts than expected arrived
   * @param stateRecords records the collector wrote to its state topic
   */
  public record CollectorScaleResult(
      int pods,
      int updatesPerPod,
      double writeRate,
      long heapCollectorBytes,
      long heapInformerBytes,
      long heapIdleBytes,
      Lag updateLag,
      Lag createLag,
      Lag endToEndLag,
      Lag deliveryLag,
      Lag collectorLag,
      Lag watchLag,
      long factsExpected,
      long factsSeen,
      long writesWithoutAllFacts,
      long stateRecords) {

    /** What the collector holds beyond the informer cache. */
    public long heapBeyondInformerBytes() {
      return heapCollectorBytes - heapInformerBytes;
    }

    /** The informer cache itself. */
    public long informerCacheBytes() {
      return heapInformerBytes - heapIdleBytes;
    }

    public boolean heapWithinTarget() {
      return heapBeyondInformerBytes() <= HEAP_TARGET_BYTES;
    }

    public boolean lagWithinTarget() {
      return updateLag.p99Millis() <= LAG_P99_TARGET_MILLIS;
    }

    public boolean complete() {
      return factsSeen == factsExpected && writesWithoutAllFacts == 0;
    }

    /** A few lines for a results table or a log. */
    public String summary() {
      return String.format(
          Locale.ROOT,
          """
          collector at scale: %,d pods x %d updates, %,.0f writes/s
            heap with collector      %7.1f MiB
            heap with plain informer %7.1f MiB  (informer cache %.1f MiB)
            heap beyond informer     %7.1f MiB  target <= 128 MiB: %s
            publish lag (updates)    %s  target p99 <= 1000 ms: %s
            publish lag (creates)    %s
            end-to-end lag (updates) %s
              of which write -> informer delivery %s
              of which delivery -> broker ack    %s
            baseline: bare watch     %s
            facts expected %,d, seen %,d, writes missing facts %,d: %s
            state topic records      %,d\
          """,
          pods,
          updatesPerPod,
          writeRate,
          mib(heapCollectorBytes),
          mib(heapInformerBytes),
          mib(informerCacheBytes()),
          mib(heapBeyondInformerBytes()),
          heapWithinTarget() ? "OK" : "MISSED",
          updateLag,
          lagWithinTarget() ? "OK" : "MISSED",
          createLag,
          endToEndLag,
          deliveryLag,
          collectorLag,
          watchLag,
          factsExpected,
          factsSeen,
          writesWithoutAllFacts,
          complete() ? "OK" : "INCOMPLETE",
          stateRecords);
    }
  }

  /**
   * {@code [pods [updates [writes/s]]]}, defaults 10000 3 200; progress on stderr, the summary on
   * stdout.
   */
  public static void main(String[] args) throws Exception {
    int pods = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 10_000;
    int updates = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    double rate = args.length > 2 ? Double.parseDouble(args[2]) : DEFAULT_RATE;
    CollectorScaleResult result = run(pods, updates, rate, System.err);
    System.out.println(result.summary());
    System.exit(0); // the mock server's and broker's non-daemon threads linger otherwise
  }

  /** {@link #run(int, int, double, PrintStream)} at {@link #DEFAULT_RATE}. */
  public static CollectorScaleResult run(int pods, int updates, PrintStream progress)
      throws Exception {
    return run(pods, updates, DEFAULT_RATE, progress);
  }

  /**
   * Runs the benchmark in this JVM (give it about 1 GiB of heap for 10k pods).
   *
   * @param rate target writes per second (creates, then updates); the mock server may cap it
   */
  public static CollectorScaleResult run(int pods, int updates, double rate, PrintStream progress)
      throws Exception {
    if (pods < 1 || updates < 1 || rate <= 0) {
      throw new IllegalArgumentException("pods, updates and rate must be positive");
    }
    MOCK_LOGGER.setLevel(Level.WARNING);
    Path scratch = Files.createTempDirectory("podlife-bench-collector-");
    progress.printf(
        "collector bench: %,d pods x %d updates at %,.0f writes/s%n", pods, updates, rate);
    long[] expectedPerStage = expectedFactsPerStage(updates);
    progress.printf(
        "  facts per pod by stage (create, updates...): %s%n", Arrays.toString(expectedPerStage));

    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    String url =
        "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
    try (KafkaBroker broker = KafkaBroker.start(scratch.resolve("kafka"));
        KubernetesClient writer = client(url);
        KubernetesClient watching = client(url)) {
      createFactsTopic(broker.bootstrapServers());
      Workload workload = new Workload(writer, pods, updates);
      FactReader reader = new FactReader(broker.bootstrapServers());
      // The baseline for the lag: a bare watch on the same pods, what any client of this API
      // server at this load sees.
      Map<Long, Long> watched = new ConcurrentHashMap<>();
      Watch watch =
          watching
              .pods()
              .inAnyNamespace()
              .watch(
                  new Watcher<Pod>() {
                    @Override
                    public void eventReceived(Action action, Pod pod) {
                      watched.putIfAbsent(
                          Long.parseLong(pod.getMetadata().getResourceVersion()),
                          System.currentTimeMillis());
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                  });
      Thread readerThread = new Thread(reader, "bench-fact-reader");
      readerThread.start();

      String histograms = System.getProperty("podlife.bench.histograms", "");
      Child collector =
          Child.start("collector", url, broker.bootstrapServers(), histograms, progress);
      progress.println("  collector running (own JVM); writing");

      long started = System.nanoTime();
      workload.run(rate, progress, reader);
      double seconds = (System.nanoTime() - started) / 1e9;
      double achieved = workload.ops / seconds;
      progress.printf("  %,d writes in %.1f s (%,.0f/s)%n", workload.ops, seconds, achieved);

      long expected = 0;
      for (long perStage : expectedPerStage) {
        expected += perStage * pods;
      }
      awaitFacts(reader, expected, collector, progress);
      reader.stop();
      readerThread.join();
      watch.close();

      // Lags and completeness per write.
      Map<Long, long[]> byRv = reader.takeByResourceVersion();
      List<Long> updateLags = new ArrayList<>();
      List<Long> createLags = new ArrayList<>();
      List<Long> endToEnd = new ArrayList<>();
      long incomplete = 0;
      Map<String, Integer> seenByStage = new java.util.TreeMap<>();
      List<Long> deliveryLags = new ArrayList<>();
      List<Long> collectorLags = new ArrayList<>();
      List<Long> watchLags = new ArrayList<>();
      List<Long> createWatchLags = new ArrayList<>();
      List<List<Long>> lagsByStage = new ArrayList<>();
      List<List<Long>> collectorLagsByStage = new ArrayList<>();
      for (int stage = 0; stage <= updates; stage++) {
        lagsByStage.add(new ArrayList<>());
        collectorLagsByStage.add(new ArrayList<>());
      }
      for (int k = 0; k < workload.ops; k++) {
        int stage = k / pods;
        long[] seen = byRv.get(workload.rvs[k]);
        Long watchedAt = watched.get(workload.rvs[k]);
        if (watchedAt != null) {
          (stage > 0 ? watchLags : createWatchLags).add(watchedAt - workload.writtenAt[k]);
        }
        seenByStage.merge(
            "stage " + stage + ": " + (seen == null ? 0 : seen[0]) + " facts", 1, Integer::sum);
        if (seen == null || seen[0] < expectedPerStage[stage]) {
          incomplete++;
        }
        if (seen == null) {
          continue;
        }
        if (stage > 0) {
          deliveryLags.add(seen[3] - workload.writtenAt[k]);
          collectorLags.add(seen[1] - seen[3]);
        }
        long lag = seen[1] - workload.writtenAt[k];
        (stage == 0 ? createLags : updateLags).add(lag);
        lagsByStage.get(stage).add(lag);
        collectorLagsByStage.get(stage).add(seen[1] - seen[3]);
        if (stage > 0) {
          endToEnd.add(seen[2] - workload.writtenAt[k]);
        }
      }
      long factsSeen = reader.records.get();
      progress.printf("  writes by facts seen: %s%n", seenByStage);
      progress.printf(
          "  creates through a bare watch (baseline): %s%n", Lag.of(toArray(createWatchLags)));
      for (int stage = 0; stage <= updates; stage++) {
        progress.printf(
            "  stage %d: publish lag %s; delivery -> ack %s%n",
            stage,
            Lag.of(toArray(lagsByStage.get(stage))),
            Lag.of(toArray(collectorLagsByStage.get(stage))));
      }
      Thread.sleep(2_000); // let the sender checkpoint the last snapshots
      long stateRecords = endOffsets(broker.bootstrapServers(), STATE_TOPIC);
      workload = null;
      byRv = null;
      reader = null;

      long heapCollector = collector.measure("1-collector")[0];
      collector.exit();
      progress.printf("  heap with collector: %.1f MiB%n", mib(heapCollector));
      Child informer =
          Child.start("informer", url, broker.bootstrapServers(), histograms, progress);
      long[] informerHeap = informer.measure("2-informer");
      informer.exit();
      long heapInformer = informerHeap[0];
      progress.printf(
          "  heap with plain informer (%,d pods cached): %.1f MiB%n",
          informerHeap[1], mib(heapInformer));
      Child idle = Child.start("idle", url, broker.bootstrapServers(), histograms, progress);
      long heapIdle = idle.measure("3-idle")[0];
      idle.exit();
      progress.printf("  heap with nothing watching: %.1f MiB%n", mib(heapIdle));

      return new CollectorScaleResult(
          pods,
          updates,
          achieved,
          heapCollector,
          heapInformer,
          heapIdle,
          Lag.of(toArray(updateLags)),
          Lag.of(toArray(createLags)),
          Lag.of(toArray(endToEnd)),
          Lag.of(toArray(deliveryLags)),
          Lag.of(toArray(collectorLags)),
          Lag.of(toArray(watchLags)),
          expected,
          factsSeen,
          incomplete,
          stateRecords);
    } finally {
      server.destroy();
    }
  }

  /** What the collector's diff makes of each stage of pod 0, as the mock stores it. */
  static long[] expectedFactsPerStage(int updates) {
    Instant[] times = stageTimes(updates, Instant.parse("2026-12-01T10:00:00Z"));
    long[] perStage = new long[updates + 1];
    PodSnapshot previous = null;
    for (int stage = 0; stage <= updates; stage++) {
      Pod pod =
          ScalePods.pod(
              0, stage, "uid-0", Integer.toString(stage + 1), ScalePods.time(times[0]), times);
      PodSnapshot current = PodSnapshots.of(CLUSTER, pod);
      perStage[stage] = FactDiff.between(previous, current, times[stage]).size();
      previous = current;
    }
    return perStage;
  }

  private static Instant[] stageTimes(int updates, Instant first) {
    Instant[] times = new Instant[updates + 1];
    for (int s = 0; s <= updates; s++) {
      times[s] = first.plusSeconds(5L * s);
    }
    return times;
  }

  /** The writer: creates, then updates, each write stamped with its response time. */
  private static final class Workload {
    final KubernetesClient client;
    final int pods;
    final int updates;
    final int ops;
    final String[] uids;
    final String[] created;
    final String[] lastRv;
    final long[] rvs;
    final long[] writtenAt;
    final AtomicIntegerArray stageDone;
    final AtomicReferenceArray<Instant> stageTimes;
    final AtomicLong done = new AtomicLong();

    Workload(KubernetesClient client, int pods, int updates) {
      this.client = client;
      this.pods = pods;
      this.updates = updates;
      this.ops = pods * (updates + 1);
      this.uids = new String[pods];
      this.created = new String[pods];
      this.lastRv = new String[pods];
      this.rvs = new long[ops];
      this.writtenAt = new long[ops];
      this.stageDone = new AtomicIntegerArray(pods);
      for (int i = 0; i < pods; i++) {
        stageDone.set(i, -1);
      }
      this.stageTimes = new AtomicReferenceArray<>(updates + 1);
    }

    void run(double rate, PrintStream progress, FactReader reader) throws Exception {
      AtomicLong next = new AtomicLong();
      Pacer pacer = new Pacer(rate);
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        writers.add(
            pool.submit(
                () -> {
                  for (long k = next.getAndIncrement(); k < ops; k = next.getAndIncrement()) {
                    pacer.await();
                    write((int) k);
                    done.incrementAndGet();
                  }
                  return null;
                }));
      }
      pool.shutdown();
      while (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        progress.printf(
            "  %,d/%,d writes, %,d facts read%n", done.get(), ops, reader.records.get());
      }
      for (Future<?> f : writers) {
        f.get();
      }
    }

    private void write(int k) {
      int stage = k / pods;
      int i = k % pods;
      stageTimes.compareAndSet(stage, null, Instant.now());
      while (stageDone.get(i) < stage - 1) {
        LockSupport.parkNanos(100_000); // the previous stage of this pod is still in flight
      }
      Instant[] times = new Instant[updates + 1];
      for (int s = 0; s <= stage; s++) {
        times[s] = stageTimes.get(s);
      }
      String ns = ScalePods.namespace(i);
      Pod written;
      if (stage == 0) {
        written =
            client
                .pods()
                .inNamespace(ns)
                .resource(ScalePods.pod(i, 0, null, null, null, times))
                .create();
        uids[i] = written.getMetadata().getUid();
        created[i] = written.getMetadata().getCreationTimestamp();
      } else {
        Pod pod = ScalePods.pod(i, stage, uids[i], lastRv[i], created[i], times);
        // Stage 1 is the binding (spec.nodeName) plus the kubelet's status; later ones are status
        // only.
        written =
            stage == 1
                ? client.pods().inNamespace(ns).resource(pod).update()
                : client.pods().inNamespace(ns).resource(pod).updateStatus();
      }
      writtenAt[k] = System.currentTimeMillis();
      lastRv[i] = written.getMetadata().getResourceVersion();
      rvs[k] = Long.parseLong(lastRv[i]);
      stageDone.set(i, stage);
    }
  }

  /**
   * Spaces writes {@code 1/rate} apart. A writer that fell behind (the mock server slows down as it
   * fills) does not catch up in a burst: a cluster's write rate does not double because its API
   * server was slow a minute ago, and a burst would measure the mock's queue rather than the
   * collector.
   */
  private static final class Pacer {
    private final long interval;
    private long next;

    Pacer(double rate) {
      this.interval = (long) (1e9 / rate);
      this.next = System.nanoTime();
    }

    void await() {
      long due;
      synchronized (this) {
        due = Math.max(next, System.nanoTime());
        next = due + interval;
      }
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
    }
  }

  /**
   * Reads the facts topic back: per resourceVersion, the count, last append time, last poll time.
   */
  private static final class FactReader implements Runnable {
    private static final byte[] HEARTBEAT_KEY =
        CollectorHeartbeat.key(CLUSTER).getBytes(StandardCharsets.UTF_8);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<Long, long[]> byRv = new HashMap<>();
    final AtomicLong records = new AtomicLong();
    private volatile boolean stopping;

    FactReader(String bootstrap) {
      Properties props = new Properties();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-fact-reader");
      consumer =
          new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(FACTS_TOPIC)
          .forEach(p -> partitions.add(new TopicPartition(FACTS_TOPIC, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    @Override
    public void run() {
      try {
        while (!stopping) {
          var batch = consumer.poll(Duration.ofMillis(100));
          long now = System.currentTimeMillis();
          long facts = 0;
          synchronized (byRv) {
            for (ConsumerRecord<byte[], byte[]> record : batch) {
              if (Arrays.equals(record.key(), HEARTBEAT_KEY)) {
                continue; // the collector's heartbeats share the topic; only facts are counted
              }
              facts++;
              long rv = resourceVersion(record.value());
              long[] seen = byRv.computeIfAbsent(rv, x -> new long[4]);
              seen[0]++;
              seen[1] = Math.max(seen[1], record.timestamp());
              seen[2] = Math.max(seen[2], now);
              seen[3] = Math.max(seen[3], observedAt(record.value()));
            }
          }
          records.addAndGet(facts);
        }
      } finally {
        consumer.close();
      }
    }

    void stop() {
      stopping = true;
    }

    /** What was read, by resourceVersion; forgets it. */
    Map<Long, long[]> takeByResourceVersion() {
      synchronized (byRv) {
        Map<Long, long[]> copy = new HashMap<>(byRv);
        byRv.clear();
        return copy;
      }
    }

    /** The fact's resourceVersion, found in the JSON without parsing it all. */
    private static long resourceVersion(byte[] json) {
      String text = field(json, RV_FIELD);
      return text == null ? -1 : Long.parseLong(text);
    }

    /** When the collector's informer delivered the object, epoch millis. */
    private static long observedAt(byte[] json) {
      String text = field(json, OBSERVED_FIELD);
      return text == null ? 0 : Instant.parse(text).toEpochMilli();
    }

    private static String field(byte[] json, byte[] name) {
      outer:
      for (int i = 0; i + name.length < json.length; i++) {
        for (int j = 0; j < name.length; j++) {
          if (json[i + j] != name[j]) {
            continue outer;
          }
        }
        int start = i + name.length;
        int end = start;
        while (end < json.length && json[end] != '"') {
          end++;
        }
        return new String(json, start, end - start, StandardCharsets.US_ASCII);
      }
      return null;
    }
  }

  private static KubernetesClient client(String url) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url)
            .withRequestTimeout(30_000)
            .withConnectionTimeout(5_000)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static void createFactsTopic(String bootstrap) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(FACTS_TOPIC, PARTITIONS, (short) 1)
                      .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"))))
          .all()
          .get();
    }
  }

  private static long endOffsets(String bootstrap, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Waits until every expected fact was read, or nothing new arrived for a minute. */
  private static void awaitFacts(
      FactReader reader, long expected, Child collector, PrintStream progress)
      throws InterruptedException {
    long last = -1;
    long quietSince = System.nanoTime();
    while (reader.records.get() < expected) {
      if (!collector.process.isAlive()) {
        throw new IllegalStateException(
            "The collector's JVM exited: " + collector.process.exitValue());
      }
      long now = reader.records.get();
      if (now != last) {
        last = now;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > QUIET_TIMEOUT.toNanos()) {
        progress.printf("  gave up waiting: %,d of %,d facts%n", now, expected);
        return;
      }
      Thread.sleep(200);
    }
    progress.printf("  all %,d facts read%n", expected);
  }

  /** A {@link WatchProcess} JVM. */
  private static final class Child {
    final Process process;
    private final BufferedReader out;
    private final PrintWriter in;

    private Child(Process process) {
      this.process = process;
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.in =
          new PrintWriter(
              new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    }

    /** Starts it and waits until it is watching. */
    static Child start(
        String mode, String url, String bootstrap, String histograms, PrintStream progress)
        throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>();
      command.add(java);
      command.add("-Xmx" + System.getProperty("podlife.bench.childHeap", "768m"));
      if (Runtime.version().feature() >= 23) {
        command.add("--sun-misc-unsafe-memory-access=allow"); // lz4-java; unknown before JDK 23
      }
      command.addAll(
          List.of(
              "--enable-native-access=ALL-UNNAMED",
              "-cp",
              System.getProperty("java.class.path"),
              WatchProcess.class.getName(),
              mode,
              url,
              bootstrap,
              histograms));
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Child child = new Child(process);
      child.expect("READY");
      progress.printf("  %s JVM (pid %d) is watching%n", mode, process.pid());
      return child;
    }

    /** Its heap after full GC, and for an informer the pods it caches. */
    long[] measure(String label) throws IOException {
      in.println("MEASURE " + label);
      String[] parts = expect("HEAP").split(" ");
      long[] result = new long[parts.length - 1];
      for (int i = 1; i < parts.length; i++) {
        result[i - 1] = Long.parseLong(parts[i]);
      }
      return result;
    }

    void exit() throws InterruptedException {
      in.println("EXIT");
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }

    private String expect(String prefix) throws IOException {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      throw new IOException(
          "The watch JVM exited before answering " + prefix + " (see its output above)");
    }
  }

  private static long[] toArray(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
