package dev.podlife.collector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The collector's meters besides those of the producer side ({@code podlife.collector.facts} by
 * type and {@code podlife.collector.send.errors}): queue depth, watch restarts and the last
 * observation time.
 */
final class CollectorMetrics implements AutoCloseable {
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private final Counter watchRestarts;
  private final AtomicLong lastObservedMillis = new AtomicLong();

  CollectorMetrics(MeterRegistry registry, Supplier<Number> queueDepth) {
    this.registry = registry;
    meters.add(
        Gauge.builder("podlife.collector.queue.depth", queueDepth)
            .description("Observations waiting between the informers and the Kafka sender")
            .register(registry));
    meters.add(
        Gauge.builder("podlife.collector.last.observed", lastObservedMillis, v -> v.get() / 1000.0)
            .description("When the sender last took an observation, in seconds since the epoch")
            .baseUnit("seconds")
            .register(registry));
    watchRestarts =
        Counter.builder("podlife.collector.watch.restarts")
            .description("Informer watches that failed and were restarted")
            .register(registry);
  }

  void watchRestarted() {
    watchRestarts.increment();
  }

  void observed(Instant at) {
    lastObservedMillis.set(at.toEpochMilli());
  }

  /**
   * Removes the gauges, which refer to this collector, so a later collector on the same registry
   * registers its own.
   */
  @Override
  public void close() {
    meters.forEach(registry::remove);
  }
}
