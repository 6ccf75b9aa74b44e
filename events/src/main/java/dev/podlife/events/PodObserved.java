package dev.podlife.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** The pod was seen for the first time, or its analysed spec, node, labels or owner changed. */
public record PodObserved(
    PodRef pod,
    String resourceVersion,
    Instant at,
    Instant observedAt,
    Instant createdAt,
    String node,
    PodSpecSummary spec,
    Map<String, String> labels)
    implements Fact {
  public PodObserved {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(at, "at");
    spec = spec == null ? PodSpecSummary.empty() : spec;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
