package dev.podlife.analyzer.pods;

import java.time.Instant;

import dev.podlife.events.PodCondition;

/**
 * One condition of a pod's latest snapshot (PodScheduled, Initialized, ContainersReady, Ready…).
 */
public record ConditionSummary(
    String type, String status, String reason, String message, Instant lastTransitionTime) {
  static ConditionSummary of(PodCondition condition) {
    return new ConditionSummary(
        condition.type(),
        condition.status(),
        condition.reason(),
        condition.message(),
        condition.lastTransitionTime());
  }
}
