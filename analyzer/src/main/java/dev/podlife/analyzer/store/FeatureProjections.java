package dev.podlife.analyzer.store;

import dev.podlife.analyzer.probes.ProbesProjection;
import dev.podlife.analyzer.shutdown.ShutdownProjection;
import dev.podlife.analyzer.startup.StartupProjection;
import dev.podlife.analyzer.terminations.TerminationProjection;
import java.util.List;

/** The feature projections every {@link FactStore} keeps by default. Add a feature's projection here. */
public final class FeatureProjections {
  private FeatureProjections() {}

  public static List<FeatureProjection> all() {
    return List.of(new StartupProjection(), new ShutdownProjection(), new ProbesProjection(), new TerminationProjection());
  }
}
