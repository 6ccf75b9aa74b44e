package dev.podlife.events;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One entry of status.conditions (PodScheduled, Initialized, ContainersReady, Ready,
 * PodReadyToStartContainers…).
 */
public record PodCondition(
    String type, String status, String reason, String message, Instant lastTransitionTime) {
  public PodCondition {
    Objects.requireNonNull(type, "type");
  }

  @JsonIgnore
  public boolean isTrue() {
    return "True".equals(status);
  }
}
