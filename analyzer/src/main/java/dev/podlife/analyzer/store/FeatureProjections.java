package dev.podlife.analyzer.store;

import java.util.List;

import dev.podlife.analyzer.metrics.LifecycleMetrics;
import dev.podlife.analyzer.probes.ProbesProjection;
import dev.podlife.analyzer.shutdown.ShutdownProjection;
import dev.podlife.analyzer.startup.StartupProjection;
import dev.podlife.analyzer.terminations.TerminationProjection;

/**
 * The feature projections every {@link FactStore} keeps by default. Add a feature's projection
 * here.
 */
public final class FeatureProjections {
  private FeatureProjections() {}

  public static List<FeatureProjection> all() {
    return all(LifecycleMetrics.none());
  }

  /** The projections, counting what they find on {@code metrics}. */
  public static List<FeatureProjection> all(LifecycleMetrics metrics) {
    return List.of(
        new StartupProjection(),
        new ShutdownProjection(metrics),
        new ProbesProjection(),
        new TerminationProjection(metrics));
  }
}
