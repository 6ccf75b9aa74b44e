package dev.podlife.cli.services;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Whether the Kafka cluster answers, asked every second: a consumer's poll and a producer's send
 * simply wait while the broker is gone, so without asking, {@code /readyz} would keep saying ready
 * through a whole broker outage. Readiness (not liveness): a restart would not bring the broker
 * back, and the clients reconnect by themselves once it is.
 */
final class BrokerReachability implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerReachability.class);
  private static final Duration EVERY = Duration.ofSeconds(1);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final Admin admin;
  private final String bootstrapServers;
  private final Clock clock;
  private final ScheduledExecutorService probe =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "podlife-kafka-reachability");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean reachable;
  private volatile Instant since;

  private BrokerReachability(String bootstrapServers, Clock clock) {
    this.bootstrapServers = bootstrapServers;
    this.clock = clock;
    this.since = clock.instant();
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "podlife-reachability",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis(),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                1000));
  }

  /** Starts asking {@code bootstrapServers}; {@code podlife_kafka_reachable} shows the answer. */
  static BrokerReachability watch(String bootstrapServers, Clock clock, MeterRegistry registry) {
    BrokerReachability reachability = new BrokerReachability(bootstrapServers, clock);
    Gauge.builder("podlife.kafka.reachable", reachability, r -> r.reachable() ? 1 : 0)
        .description("1 while the Kafka cluster answered the last probe (every second)")
        .register(registry);
    reachability.probe.scheduleWithFixedDelay(
        reachability::ask, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return reachability;
  }

  /** Whether the last probe got an answer: false until the first one does. */
  boolean reachable() {
    return reachable;
  }

  /** Why not ready, or empty: e.g. "Kafka at localhost:9092 unreachable for 12 s". */
  String problem() {
    if (reachable) {
      return "";
    }
    long seconds = Duration.between(since, clock.instant()).toSeconds();
    return "Kafka at " + bootstrapServers + " unreachable for " + seconds + " s";
  }

  private void ask() {
    boolean answered;
    try {
      answered =
          !admin
              .describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
              .nodes()
              .get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS)
              .isEmpty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      answered = false;
    }
    if (answered != reachable) {
      since = clock.instant();
      if (answered) {
        LOG.info("Kafka at {} answers again", bootstrapServers);
      } else {
        LOG.warn("Kafka at {} does not answer: not ready until it does", bootstrapServers);
      }
    }
    reachable = answered;
  }

  @Override
  public void close() {
    probe.shutdownNow();
    admin.close(Duration.ofSeconds(1));
  }
}
