package dev.podlife.cli.analyze;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * What {@link CaptureReader} read from the input files: the Pod and Event objects in input order,
 * and how many objects of other kinds were skipped.
 */
record Capture(List<Observation> observations, Map<String, Integer> skippedByKind) {

  /** One object as it appeared in the input; {@code deleted} when a watch stream said DELETED. */
  record Observation(String source, HasMetadata object, boolean deleted) {}

  int skipped() {
    return skippedByKind.values().stream().mapToInt(Integer::intValue).sum();
  }
}
