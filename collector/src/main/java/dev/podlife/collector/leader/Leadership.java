package dev.podlife.collector.leader;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;

/**
 * Contends for a Lease with fabric8's LeaderElector; runs {@code onStartLeading} when this replica
 * acquires it and {@code onStopLeading} when it loses it, then contends again until closed. Closing
 * releases the Lease, so a standby replica takes over within one retry period instead of one lease
 * duration.
 */
public final class Leadership implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

  /** Kubernetes controllers' defaults: lease 15 s, renew deadline 10 s, retry every 2 s. */
  public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    public static final Timing DEFAULT =
        new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
  }

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final String identity;
  private final Timing timing;
  private final Runnable onStartLeading;
  private final Runnable onStopLeading;
  private volatile CompletableFuture<?> election;
  private volatile boolean closed;
  private volatile boolean leading;

  public Leadership(
      KubernetesClient client,
      String namespace,
      String name,
      String identity,
      Timing timing,
      Runnable onStartLeading,
      Runnable onStopLeading) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.identity = identity;
    this.timing = timing;
    this.onStartLeading = onStartLeading;
    this.onStopLeading = onStopLeading;
  }

  public synchronized void start() {
    if (closed) {
      return;
    }
    var config =
        new LeaderElectionConfigBuilder()
            .withName(name)
            .withLock(new LeaseLock(namespace, name, identity))
            .withLeaseDuration(timing.leaseDuration())
            .withRenewDeadline(timing.renewDeadline())
            .withRetryPeriod(timing.retryPeriod())
            .withReleaseOnCancel(true)
            .withLeaderCallbacks(
                new LeaderCallbacks(
                    () -> {
                      leading = true;
                      LOG.info("{} leads Lease {}/{}", identity, namespace, name);
                      onStartLeading.run();
                    },
                    () -> {
                      leading = false;
                      LOG.info("{} stopped leading Lease {}/{}", identity, namespace, name);
                      onStopLeading.run();
                    },
                    leader -> LOG.info("Lease {}/{} is held by {}", namespace, name, leader)))
            .build();
    CompletableFuture<?> started = client.leaderElector().withConfig(config).build().start();
    election = started;
    // fabric8's elector ends after losing the Lease; contend again unless we are closing.
    started.whenComplete(
        (ignored, error) -> {
          if (!closed && election == started) {
            if (error != null) {
              LOG.warn(
                  "Leader election on Lease {}/{} ended: {}; contending again",
                  namespace,
                  name,
                  error.toString());
            }
            CompletableFuture.runAsync(
                this::start,
                CompletableFuture.delayedExecutor(
                    timing.retryPeriod().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
          }
        });
  }

  public boolean isLeading() {
    return leading;
  }

  @Override
  public synchronized void close() {
    closed = true;
    CompletableFuture<?> current = election;
    if (current != null) {
      current.cancel(true); // releaseOnCancel: the Lease is released for a standby
    }
  }
}
