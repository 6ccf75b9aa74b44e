package dev.podlife.events;

import java.util.List;

/**
 * The parts of a pod's spec that matter for lifecycle analysis.
 *
 * @param initContainers init and sidecar (restartable init) containers, in spec order
 * @param containers regular containers, in spec order
 * @param volumeKinds the kind of each volume ({@code emptyDir}, {@code configMap}, {@code
 *     persistentVolumeClaim}…), in spec order
 * @param schedulingGates names of the scheduling gates still present
 */
public record PodSpecSummary(
    List<ContainerSpec> initContainers,
    List<ContainerSpec> containers,
    Long terminationGracePeriodSeconds,
    String restartPolicy,
    List<String> volumeKinds,
    OwnerRef owner,
    List<String> schedulingGates,
    String priorityClassName) {
  public PodSpecSummary {
    initContainers = initContainers == null ? List.of() : List.copyOf(initContainers);
    containers = containers == null ? List.of() : List.copyOf(containers);
    volumeKinds = volumeKinds == null ? List.of() : List.copyOf(volumeKinds);
    schedulingGates = schedulingGates == null ? List.of() : List.copyOf(schedulingGates);
  }

  public static PodSpecSummary empty() {
    return new PodSpecSummary(List.of(), List.of(), null, null, List.of(), null, List.of(), null);
  }
}
