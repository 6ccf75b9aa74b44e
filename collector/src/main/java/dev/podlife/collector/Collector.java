package dev.podlife.collector;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;

import dev.podlife.collector.leader.Leadership;

/**
 * Watches a cluster's Pods and core/v1 Events and streams their lifecycle facts into Kafka, keyed
 * by pod UID.
 *
 * <p>Resumable: the last snapshot of each pod is kept in a compacted state topic once its facts are
 * acknowledged, and restored before the informers start, so a restarted collector emits only what
 * changed while it was down (pods deleted meanwhile get {@code PodDeleted(detectedOnRelist=true)}).
 * With leader election only the holder of the Lease runs. A fact Kafka refuses for good stops the
 * collector ({@link #failure()}); it never drops facts.
 */
public final class Collector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final CollectorConfig config;
  private final KubernetesClient client;
  private final Clock clock;
  private final MeterRegistry registry;
  private final CollectorMetrics metrics;
  private final AtomicReference<CollectorException> failure = new AtomicReference<>();
  private final CompletableFuture<CollectorException> failed = new CompletableFuture<>();
  private final Object lock = new Object();
  private Leadership leadership;
  private volatile Pipeline pipeline;
  private boolean started;
  private volatile boolean closed;

  public Collector(
      CollectorConfig config, KubernetesClient client, Clock clock, MeterRegistry registry) {
    this.config = Objects.requireNonNull(config, "config");
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.metrics =
        new CollectorMetrics(
            registry,
            () -> {
              Pipeline current = pipeline;
              return current == null ? 0 : current.queued();
            });
  }

  /**
   * Starts collecting in the background: at once, or when this replica acquires the Lease. Returns
   * immediately; {@link #isRunning()} tells when the informers have listed.
   */
  public void start() {
    synchronized (lock) {
      if (started || closed) {
        throw new IllegalStateException(
            "Collector for cluster " + config.cluster() + " was already started");
      }
      started = true;
      if (config.leaderElection()) {
        leadership =
            new Leadership(
                client,
                config.leaseNamespace(),
                config.leaseName(),
                config.identity(),
                Leadership.Timing.DEFAULT,
                this::startPipeline,
                this::stopPipeline);
        leadership.start();
      } else {
        startPipeline();
      }
    }
  }

  /**
   * Whether this collector is producing: started (and leading, with leader election), informers
   * listed, not failed.
   */
  public boolean isRunning() {
    Pipeline current = pipeline;
    return current != null && current.isRunning() && failure.get() == null;
  }

  /** Whether this replica holds the Lease (always false without leader election). */
  public boolean isLeader() {
    return leadership != null && leadership.isLeading();
  }

  /** Why the collector stopped on its own, if it did. */
  public Optional<CollectorException> failure() {
    return Optional.ofNullable(failure.get());
  }

  /**
   * Completes with the failure when the collector stops on its own; never completes after a clean
   * {@link #close()}.
   */
  public CompletionStage<CollectorException> whenFailed() {
    return failed.minimalCompletionStage();
  }

  /** Stops the informers, sends what they queued, flushes the producer and releases the Lease. */
  @Override
  public void close() {
    Leadership current;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      current = leadership;
    }
    stopPipeline();
    if (current != null) {
      current.close();
    }
    metrics.close();
  }

  private void startPipeline() {
    synchronized (lock) {
      if (closed || pipeline != null || failure.get() != null) {
        return;
      }
      pipeline = new Pipeline(config, client, clock, registry, metrics, this::failed);
      pipeline.start();
    }
  }

  private void stopPipeline() {
    Pipeline current;
    synchronized (lock) {
      current = pipeline;
      pipeline = null;
    }
    if (current != null) {
      current.stop(STOP_TIMEOUT);
    }
  }

  private void failed(CollectorException e) {
    failure.compareAndSet(null, e);
    failed.complete(failure.get());
    // Let a standby replica take over rather than hold the Lease without producing.
    Leadership current = leadership;
    if (current != null) {
      LOG.error(
          "Releasing Lease {}/{} after the failure", config.leaseNamespace(), config.leaseName());
      current.close();
    }
  }
}
