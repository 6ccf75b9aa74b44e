package dev.podlife.events;

/**
 * Where a container sits in the pod's life: init containers run to completion first, sidecars are
 * restartable init containers.
 */
public enum ContainerKind {
  INIT,
  SIDECAR,
  REGULAR,
  EPHEMERAL
}
