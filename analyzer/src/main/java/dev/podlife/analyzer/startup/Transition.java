package dev.podlife.analyzer.startup;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Statistics of one transition over a group of pods, in milliseconds. Percentiles are nearest-rank
 * as clusterloader2 computes them (sorted ascending, index ceil(n·p/100) − 1), negative latencies
 * clamped to 0.
 */
@JsonPropertyOrder({"count", "p50_ms", "p90_ms", "p99_ms", "min_ms", "max_ms", "mean_ms"})
public record Transition(
    long count,
    @JsonProperty("p50_ms") long p50Ms,
    @JsonProperty("p90_ms") long p90Ms,
    @JsonProperty("p99_ms") long p99Ms,
    @JsonProperty("min_ms") long minMs,
    @JsonProperty("max_ms") long maxMs,
    @JsonProperty("mean_ms") double meanMs) {

  /**
   * The transitions in report order: clusterloader2's names ({@code pod_startup} is create →
   * watch), then podlife's.
   */
  public static final List<String> NAMES =
      List.of(
          "create_to_schedule",
          "schedule_to_run",
          "create_to_run",
          "run_to_watch",
          "schedule_to_watch",
          "pod_startup",
          "create_to_ready",
          "run_to_ready",
          "image_pull",
          "init");
}
