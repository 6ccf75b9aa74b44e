package dev.podlife.collector;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;

import dev.podlife.collector.coverage.Heartbeats;
import dev.podlife.collector.extract.EventFacts;
import dev.podlife.collector.extract.PodFactTracker;
import dev.podlife.collector.informer.ClusterWatch;
import dev.podlife.collector.informer.Observation;
import dev.podlife.collector.informer.PodMdc;
import dev.podlife.collector.kafka.FactPublisher;
import dev.podlife.collector.kafka.FactTopics;
import dev.podlife.collector.kafka.StateTopic;
import dev.podlife.events.Fact;
import dev.podlife.events.PodSnapshot;

/**
 * One run of the collector (one leadership term): creates the topics, restores the tracker from the
 * state topic, starts the informers and turns their observations into facts on a single sender
 * thread.
 *
 * <p>Hand-off: informer threads put observations into a bounded queue of {@code queueCapacity};
 * when it is full they block (fabric8 then buffers further notifications and the watch keeps
 * reading), so a slow Kafka throttles the informers instead of growing our memory. Observations
 * still queued when the run stops unprocessed are not lost: their pods' snapshots were not written,
 * so the next run derives the same changes from its initial list.
 *
 * <p>Once the informers have listed, the sender also sends a {@link
 * dev.podlife.events.CollectorHeartbeat} every heartbeat interval: a run exists only while this
 * replica leads, so heartbeats say "observed" exactly while facts can flow.
 */
final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

  private final CollectorConfig config;
  private final KubernetesClient client;
  private final Clock clock;
  private final MeterRegistry registry;
  private final CollectorMetrics metrics;
  private final Consumer<CollectorException> onFailure;
  private final BlockingQueue<Observation> queue;
  private final Map<String, String> eventVersions = new HashMap<>();
  private final Thread sender;
  private volatile boolean stopping;
  private volatile boolean listed;
  private volatile CollectorException startFailure;
  private volatile ClusterWatch watch;
  private PodFactTracker tracker;
  private FactPublisher publisher;
  private Heartbeats heartbeats;

  Pipeline(
      CollectorConfig config,
      KubernetesClient client,
      Clock clock,
      MeterRegistry registry,
      CollectorMetrics metrics,
      Consumer<CollectorException> onFailure) {
    this.config = config;
    this.client = client;
    this.clock = clock;
    this.registry = registry;
    this.metrics = metrics;
    this.onFailure = onFailure;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.sender = new Thread(this::run, "podlife-collector-sender-" + config.cluster());
  }

  void start() {
    sender.start();
  }

  /** Informers have listed and facts flow. */
  boolean isRunning() {
    return listed && !stopping && sender.isAlive();
  }

  int queued() {
    return queue.size();
  }

  /**
   * Stops the informers, sends what is queued, writes the acknowledged snapshots and waits for the
   * sender.
   */
  void stop(Duration timeout) {
    stopping = true;
    if (Thread.currentThread() == sender) {
      return;
    }
    try {
      sender.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (sender.isAlive()) {
      LOG.warn("Collector sender for cluster {} did not stop within {}", config.cluster(), timeout);
      sender.interrupt();
    }
  }

  private void run() {
    try {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
        FactTopics.ensure(
            admin,
            config.factsTopic(),
            config.stateTopic(),
            config.partitions(),
            config.replicationFactor(),
            TOPIC_TIMEOUT,
            clock);
      }
      Map<String, PodSnapshot> restored =
          StateTopic.read(
              config.bootstrapServers(),
              config.stateTopic(),
              config.cluster(),
              TOPIC_TIMEOUT,
              clock);
      watch =
          new ClusterWatch(
              client,
              config.namespaces(),
              config.resync(),
              clock,
              this::offer,
              metrics::watchRestarted);
      tracker = new PodFactTracker(config.cluster(), watch.workloads());
      // Pods of namespaces no longer watched are not ours to declare deleted.
      tracker.restore(
          restored.values().stream()
              .filter(
                  s ->
                      config.namespaces().isEmpty()
                          || config.namespaces().contains(s.pod().namespace()))
              .toList());
      publisher =
          new FactPublisher(
              config.bootstrapServers(),
              "podlife-collector-" + config.identity(),
              config.factsTopic(),
              config.stateTopic(),
              config.cluster(),
              registry);
      heartbeats =
          new Heartbeats(config.cluster(), config.identity(), config.heartbeatInterval(), clock);
      if (stopping) {
        return;
      }
      Thread informers =
          new Thread(this::startWatch, "podlife-collector-informers-" + config.cluster());
      informers.setDaemon(true);
      informers.start();
      loop();
      watch.close();
      drain();
      publisher.flush();
      LOG.info(
          "Collector for cluster {} stopped; {} pods known",
          config.cluster(),
          tracker.known().size());
    } catch (CollectorException e) {
      fail(e);
    } catch (KafkaException e) {
      fail(
          new CollectorException(
              "Kafka failed for the collector of cluster "
                  + config.cluster()
                  + ": "
                  + e.getMessage(),
              e));
    } catch (RuntimeException e) {
      fail(
          new CollectorException(
              "The collector of cluster " + config.cluster() + " failed unexpectedly", e));
    } finally {
      stopping = true;
      if (watch != null) {
        watch.close();
      }
      if (publisher != null) {
        publisher.close();
      }
    }
  }

  private void startWatch() {
    try {
      watch.start();
      listed = true;
      LOG.info(
          "Collector for cluster {} is watching {}",
          config.cluster(),
          config.namespaces().isEmpty() ? "all namespaces" : config.namespaces());
    } catch (CollectorException e) {
      startFailure = e;
    } catch (RuntimeException e) {
      startFailure =
          new CollectorException("Couldn't start the informers of cluster " + config.cluster(), e);
    }
  }

  private void loop() {
    List<Observation> batch = new ArrayList<>();
    while (!stopping) {
      Observation first;
      try {
        first = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CollectorException(
            "Collector sender for cluster " + config.cluster() + " was interrupted", e);
      }
      if (first != null) {
        batch.add(first);
        queue.drainTo(batch, 1023);
        batch.forEach(this::handle);
        batch.clear();
      }
      // after the facts observed so far, so a heartbeat never claims time whose facts are queued;
      // none while a watch is down (an API server outage is a gap too)
      heartbeats.due(listed && watch.isObserving()).ifPresent(publisher::publishHeartbeat);
      publisher.checkpoint();
      if (startFailure != null) {
        throw startFailure;
      }
    }
  }

  private void drain() {
    List<Observation> rest = new ArrayList<>();
    queue.drainTo(rest);
    rest.forEach(this::handle);
  }

  /**
   * The informers' sink: blocks while the queue is full, gives up only when the run is stopping.
   */
  private void offer(Observation observation) {
    try {
      while (!queue.offer(observation, 100, TimeUnit.MILLISECONDS)) {
        if (stopping) {
          return; // the next run derives it again from its initial list
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(Observation observation) {
    metrics.observed(observation.observedAt());
    switch (observation) {
      case Observation.PodChanged(var pod, var at) ->
          PodMdc.run(
              pod,
              pod.getMetadata().getUid(),
              () -> {
                List<Fact> facts = tracker.onPod(pod, at);
                if (!facts.isEmpty()) {
                  String uid = pod.getMetadata().getUid();
                  publisher.publishPod(uid, facts, tracker.get(uid));
                }
              });
      case Observation.PodGone(var pod, var finalStateUnknown, var at) ->
          PodMdc.run(
              pod,
              pod.getMetadata().getUid(),
              () ->
                  publisher.publishPod(
                      pod.getMetadata().getUid(),
                      tracker.onPodDeleted(pod, finalStateUnknown, at),
                      null));
      case Observation.EventChanged(var event, var at) ->
          PodMdc.run(
              event,
              event.getInvolvedObject().getUid(),
              () -> {
                String uid = event.getMetadata().getUid();
                String version = event.getMetadata().getResourceVersion();
                // A resync or relist re-delivers an Event unchanged: same resourceVersion, nothing
                // new to say.
                if (version != null && version.equals(eventVersions.get(uid))) {
                  return;
                }
                EventFacts.of(config.cluster(), event, tracker::podRef, at)
                    .ifPresent(publisher::publish);
                eventVersions.put(uid, version);
              });
      case Observation.EventGone(var event, var at) ->
          eventVersions.remove(event.getMetadata().getUid());
      case Observation.PodsListed(var live, var at) -> {
        List<Fact> vanished = tracker.reconcile(live, at);
        if (!vanished.isEmpty()) {
          LOG.info(
              "{} pods of cluster {} were deleted while nobody watched",
              vanished.size(),
              config.cluster());
        }
        for (Fact fact : vanished) {
          publisher.publishPod(fact.pod().uid(), List.of(fact), null);
        }
      }
    }
  }

  private void fail(CollectorException e) {
    LOG.error("Collector for cluster {} STOPPED: {}", config.cluster(), e.getMessage(), e);
    onFailure.accept(e);
  }
}
