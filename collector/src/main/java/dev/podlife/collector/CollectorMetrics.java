package dev.podlife.collector;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The collector's meters besides those of the producer side ({@code podlife.collector.facts} by type and
 * {@code podlife.collector.send.errors}): queue depth, watch restarts and the last observation time.
 */
final class CollectorMetrics {
  private final Counter watchRestarts;
  private final AtomicLong lastObservedMillis = new AtomicLong();

  CollectorMetrics(MeterRegistry registry, Supplier<Number> queueDepth) {
    Gauge.builder("podlife.collector.queue.depth", queueDepth)
        .description("Observations waiting between the informers and the Kafka sender")
        .register(registry);
    Gauge.builder("podlife.collector.last.observed", lastObservedMillis, v -> v.get() / 1000.0)
        .description("When the sender last took an observation, in seconds since the epoch")
        .baseUnit("seconds")
        .register(registry);
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
}
