package dev.podlife.events;

import java.util.Objects;

/**
 * One container's entry of status.initContainerStatuses or status.containerStatuses.
 *
 * @param state the current state; null when the kubelet has not reported one
 * @param lastTerminated lastState.terminated: how the previous run ended, kept across restarts
 * @param started the startup-probe gate ({@code started}), null when not reported
 */
public record ContainerStatus(
    String name,
    ContainerKind kind,
    ContainerState state,
    ContainerState.Terminated lastTerminated,
    boolean ready,
    Boolean started,
    int restartCount,
    String image,
    String imageID,
    String containerID) {
  public ContainerStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (restartCount < 0) {
      throw new IllegalArgumentException("restartCount must not be negative: " + restartCount);
    }
  }
}
