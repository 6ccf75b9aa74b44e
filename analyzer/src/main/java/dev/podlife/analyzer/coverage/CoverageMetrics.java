package dev.podlife.analyzer.coverage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.podlife.events.CollectorHeartbeat;

/**
 * {@code podlife_collector_unobserved_seconds{cluster}}: seconds since the cluster's latest stored
 * heartbeat. Each analyzer starts from the database and follows the heartbeats it stores; with
 * several analyzers in one group only one consumes a cluster's heartbeats, so read it as {@code min
 * by (cluster)}.
 */
public final class CoverageMetrics {
  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, AtomicReference<Instant>> last = new ConcurrentHashMap<>();

  public CoverageMetrics(MeterRegistry registry, Clock clock) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Starts from the heartbeats already stored. */
  public void load(Coverage coverage) {
    coverage.lastHeartbeats().forEach(h -> heard(h.cluster(), h.sentAt()));
  }

  /** Heartbeats just stored (committed). */
  public void heard(Collection<CollectorHeartbeat> heartbeats) {
    heartbeats.forEach(h -> heard(h.cluster(), h.sentAt()));
  }

  private void heard(String cluster, Instant sentAt) {
    last.computeIfAbsent(
            cluster,
            c -> {
              AtomicReference<Instant> latest = new AtomicReference<>(sentAt);
              Gauge.builder(
                      "podlife.collector.unobserved.seconds",
                      latest,
                      l -> Math.max(0, Duration.between(l.get(), clock.instant()).toMillis() / 1e3))
                  .tag("cluster", c)
                  .description("Seconds since the cluster's latest collector heartbeat")
                  .register(registry);
              return latest;
            })
        .accumulateAndGet(sentAt, (a, b) -> a.isAfter(b) ? a : b);
  }
}
