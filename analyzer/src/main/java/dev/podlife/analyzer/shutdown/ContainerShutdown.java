package dev.podlife.analyzer.shutdown;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.podlife.events.ContainerState;

/**
 * One container that was running when its pod's deletion was requested, and how it stopped.
 *
 * @param position the container's place in the kubelet's order (init and sidecar containers first)
 * @param preStopConfigured whether its spec has a preStop hook; null when the spec is not known
 * @param preStopFailed a FailedPreStopHook Event for it since the deletion was requested
 * @param killingAt when the kubelet's Killing Event ("Stopping container …") for it happened, null
 *     if none seen
 * @param termination its first terminated state since the deletion was requested, null while it
 *     runs
 */
public record ContainerShutdown(
    String name,
    int position,
    Boolean preStopConfigured,
    boolean preStopFailed,
    Instant killingAt,
    ContainerState.Terminated termination) {
  public ContainerShutdown {
    Objects.requireNonNull(name, "name");
  }

  static ContainerShutdown running(String name, int position, Boolean preStopConfigured) {
    return new ContainerShutdown(name, position, preStopConfigured, false, null, null);
  }

  ContainerShutdown withTermination(ContainerState.Terminated terminated) {
    return new ContainerShutdown(
        name, position, preStopConfigured, preStopFailed, killingAt, terminated);
  }

  ContainerShutdown withKillingAt(Instant at) {
    Instant earliest = killingAt == null || at.isBefore(killingAt) ? at : killingAt;
    return new ContainerShutdown(
        name, position, preStopConfigured, preStopFailed, earliest, termination);
  }

  ContainerShutdown withPreStopFailed() {
    return new ContainerShutdown(name, position, preStopConfigured, true, killingAt, termination);
  }

  ContainerShutdown withPreStopConfigured(Boolean configured) {
    return configured == null
        ? this
        : new ContainerShutdown(name, position, configured, preStopFailed, killingAt, termination);
  }

  /**
   * When it finished, null while it runs or when the runtime did not say (ContainerStatusUnknown).
   */
  public Instant finishedAt() {
    return termination == null ? null : termination.finishedAt();
  }

  /** deletion requested → finishedAt, or null. */
  public Duration toExit(Instant deletionRequestedAt) {
    Instant finishedAt = finishedAt();
    return finishedAt == null ? null : Duration.between(deletionRequestedAt, finishedAt);
  }

  /** The share of the grace period it used, null for a grace of 0 or an unknown exit time. */
  public Double graceUsed(Instant deletionRequestedAt, Long graceSeconds) {
    Duration toExit = toExit(deletionRequestedAt);
    if (toExit == null || graceSeconds == null || graceSeconds <= 0) {
      return null;
    }
    return toExit.toMillis() / (graceSeconds * 1000.0);
  }
}
