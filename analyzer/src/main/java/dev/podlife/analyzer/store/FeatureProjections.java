package dev.podlife.analyzer.store;

import java.util.List;

/** The feature projections every {@link FactStore} keeps by default. Add a feature's projection here. */
public final class FeatureProjections {
  private FeatureProjections() {}

  public static List<FeatureProjection> all() {
    return List.of(new dev.podlife.analyzer.terminations.TerminationProjection());
  }
}
