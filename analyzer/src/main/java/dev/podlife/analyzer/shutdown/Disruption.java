package dev.podlife.analyzer.shutdown;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import dev.podlife.events.PodCondition;
import dev.podlife.events.PodSnapshot;

/**
 * Who disrupted a pod, as its {@code DisruptionTarget} condition (Kubernetes ≥ 1.26) or the
 * kubelet's phase reason tells: the one reading of that condition, used by the shutdown cause and
 * by every termination's {@code disruption}.
 */
public enum Disruption {
  /** PreemptionByScheduler: the scheduler preempted it for a higher-priority pod. */
  PREEMPTION,
  /** DeletionByTaintManager: a NoExecute taint the pod does not tolerate (node not ready…). */
  TAINT_MANAGER,
  /** EvictionByEvictionAPI: the Eviction API ({@code kubectl drain}, the descheduler…). */
  EVICTION,
  /** DeletionByPodGC: the pod garbage collector (orphaned on a node that is gone). */
  POD_GC,
  /** TerminationByKubelet, or phase reason Evicted: the kubelet evicted it under node pressure. */
  NODE_PRESSURE,
  /**
   * TerminationByKubelet with the graceful node shutdown message ("Pod was terminated in response
   * to imminent node shutdown."), or phase reason Shutdown / Terminated saying so.
   */
  NODE_SHUTDOWN;

  /** As the API, the reports and the alert labels spell it: {@code node_pressure}… */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Disruption> ofLabel(String label) {
    for (Disruption d : values()) {
      if (d.label().equals(label)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** The disruption the snapshot shows, whenever its condition became True. */
  public static Optional<Disruption> of(PodSnapshot pod) {
    return at(pod, null);
  }

  /**
   * The disruption the snapshot shows that had begun by {@code by}: what caused an exit at {@code
   * by}. A DisruptionTarget condition that became True after {@code by} (timestamps are whole
   * seconds) did not cause it; a null {@code by} takes the condition whenever it came. Without the
   * condition (Kubernetes < 1.26, or a reason this version does not know) the kubelet's phase
   * reason tells, undated: Shutdown or Terminated for the node shutting down, Evicted for node
   * pressure.
   */
  public static Optional<Disruption> at(PodSnapshot pod, Instant by) {
    Optional<PodCondition> target = pod.condition("DisruptionTarget").filter(PodCondition::isTrue);
    if (target.isPresent()) {
      PodCondition c = target.get();
      if (by != null && c.lastTransitionTime() != null && c.lastTransitionTime().isAfter(by)) {
        return Optional.empty();
      }
      Optional<Disruption> named =
          switch (c.reason() == null ? "" : c.reason()) {
            case "PreemptionByScheduler", "PreemptionByKubeScheduler" -> Optional.of(PREEMPTION);
            case "DeletionByTaintManager" -> Optional.of(TAINT_MANAGER);
            case "EvictionByEvictionAPI" -> Optional.of(EVICTION);
            case "DeletionByPodGC" -> Optional.of(POD_GC);
            case "TerminationByKubelet" ->
                Optional.of(
                    mentionsShutdown(c.message()) || mentionsShutdown(pod.message())
                        ? NODE_SHUTDOWN
                        : NODE_PRESSURE);
            default -> Optional.empty();
          };
      if (named.isPresent()) {
        return named;
      }
    }
    String phaseReason = pod.reason() == null ? "" : pod.reason();
    if (phaseReason.equals("Shutdown")
        || (phaseReason.equals("Terminated") && mentionsShutdown(pod.message()))) {
      return Optional.of(NODE_SHUTDOWN);
    }
    return phaseReason.equals("Evicted") ? Optional.of(NODE_PRESSURE) : Optional.empty();
  }

  private static boolean mentionsShutdown(String message) {
    return message != null && message.toLowerCase(Locale.ROOT).contains("shutdown");
  }
}
