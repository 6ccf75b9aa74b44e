package dev.podlife.collector.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.podlife.collector.CollectorException;
import dev.podlife.collector.FactSendException;
import dev.podlife.events.CollectorHeartbeat;
import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;
import dev.podlife.events.PodSnapshot;

/**
 * Produces facts keyed by pod UID (header {@code type}) and, once a pod's facts are acknowledged,
 * its snapshot to the state topic. A snapshot is never written ahead of its facts, so after a crash
 * the collector derives unacknowledged facts again rather than skipping them. Used by one thread.
 *
 * <p>Snapshots are serialized only when written, off the path between an observation and its facts,
 * and a checkpoint writes only the latest of a pod's acknowledged snapshots: the compacted topic
 * would keep no other.
 */
public final class FactPublisher implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final String factsTopic;
  private final String stateTopic;
  private final String cluster;
  private final MeterRegistry registry;
  private final Counter sendErrors;
  private final Counter heartbeats;
  private final Map<String, Counter> factsByType = new ConcurrentHashMap<>();
  private final ArrayDeque<PendingState> pending = new ArrayDeque<>();
  private final AtomicReference<FactSendException> failure = new AtomicReference<>();

  /** A pod's snapshot (null: a tombstone) waiting for the ack of its last fact. */
  private record PendingState(Future<RecordMetadata> lastFact, String key, PodSnapshot after) {}

  public FactPublisher(
      String bootstrapServers,
      String clientId,
      String factsTopic,
      String stateTopic,
      String cluster,
      MeterRegistry registry) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.factsTopic = factsTopic;
    this.stateTopic = stateTopic;
    this.cluster = cluster;
    this.registry = registry;
    this.sendErrors =
        Counter.builder("podlife.collector.send.errors")
            .description("Facts Kafka refused for good")
            .register(registry);
    this.heartbeats =
        Counter.builder("podlife.collector.heartbeats")
            .description("Heartbeats produced and acknowledged")
            .register(registry);
  }

  /**
   * Sends a pod's facts and queues its snapshot for the state topic, written once the facts are
   * acknowledged.
   *
   * @param after the pod's snapshot after these facts, or null when the pod is gone (a tombstone)
   */
  public void publishPod(String podUid, List<? extends Fact> facts, PodSnapshot after) {
    Future<RecordMetadata> last = null;
    for (Fact fact : facts) {
      last = send(fact);
    }
    if (last != null) {
      pending.add(new PendingState(last, StateTopic.key(cluster, podUid), after));
    }
  }

  /** Sends a fact that changes no pod state (an Event). */
  public void publish(Fact fact) {
    send(fact);
  }

  /**
   * Sends a heartbeat, keyed {@link CollectorHeartbeat#key()} (never a pod UID) with header {@code
   * type}; one refused for good fails the collector like a fact.
   */
  public void publishHeartbeat(CollectorHeartbeat heartbeat) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(factsTopic, heartbeat.key(), FactSerde.toBytes(heartbeat));
    record.headers().add("type", heartbeat.type().getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(
          record,
          (metadata, error) -> {
            if (error == null) {
              heartbeats.increment();
            } else {
              sendErrors.increment();
              failure.compareAndSet(
                  null,
                  new FactSendException(heartbeat.key(), heartbeat.type(), factsTopic, error));
            }
          });
    } catch (KafkaException e) {
      sendErrors.increment();
      throw new FactSendException(heartbeat.key(), heartbeat.type(), factsTopic, e);
    }
  }

  /**
   * Writes the snapshots whose facts are acknowledged, in order; of several for one pod, only the
   * latest.
   *
   * @throws FactSendException when a fact was refused for good
   */
  public void checkpoint() {
    throwIfFailed();
    Map<String, PendingState> acknowledged = new LinkedHashMap<>();
    while (!pending.isEmpty() && pending.peekFirst().lastFact().isDone()) {
      PendingState state = pending.pollFirst();
      acknowledged.put(state.key(), state);
    }
    // A fact refused for good fails the collector before any snapshot after it is written.
    throwIfFailed();
    for (PendingState state : acknowledged.values()) {
      producer.send(
          new ProducerRecord<>(
              stateTopic,
              state.key(),
              state.after() == null ? null : FactSerde.snapshotToBytes(state.after())),
          (metadata, error) -> {
            if (error != null) {
              sendErrors.increment();
              // A lost snapshot only means facts are derived again after a restart; still, do not
              // go on silently.
              failure.compareAndSet(
                  null, new FactSendException(state.key(), "snapshot", stateTopic, error));
            }
          });
    }
  }

  /** Waits for everything sent, writes the remaining snapshots, waits again. */
  public void flush() {
    producer.flush();
    checkpoint();
    producer.flush();
    throwIfFailed();
  }

  public int pendingSnapshots() {
    return pending.size();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }

  private Future<RecordMetadata> send(Fact fact) {
    String type = fact.type();
    String uid = fact.pod().uid();
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(factsTopic, uid, FactSerde.toBytes(fact));
    record.headers().add("type", type.getBytes(StandardCharsets.UTF_8));
    try {
      return producer.send(
          record,
          (metadata, error) -> {
            if (error == null) {
              factsByType
                  .computeIfAbsent(
                      type,
                      t ->
                          Counter.builder("podlife.collector.facts")
                              .tag("type", t)
                              .description("Facts produced and acknowledged")
                              .register(registry))
                  .increment();
            } else {
              sendErrors.increment();
              failure.compareAndSet(null, new FactSendException(uid, type, factsTopic, error));
            }
          });
    } catch (KafkaException e) {
      sendErrors.increment();
      throw new FactSendException(uid, type, factsTopic, e);
    }
  }

  private void throwIfFailed() {
    CollectorException failed = failure.get();
    if (failed != null) {
      throw failed;
    }
  }
}
