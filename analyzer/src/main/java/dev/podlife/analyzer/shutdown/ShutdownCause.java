package dev.podlife.analyzer.shutdown;

import java.util.Locale;

import dev.podlife.events.PodCondition;
import dev.podlife.events.PodSnapshot;

/** Why a pod was deleted, as far as its object tells. */
public enum ShutdownCause {
  /** A plain DELETE: scale-down, rollout, kubectl delete — nothing on the pod says otherwise. */
  API_DELETION,
  /** The Eviction API (kubectl drain), a NoExecute taint, or the kubelet under node pressure. */
  EVICTION,
  /** The scheduler preempted it for a higher-priority pod. */
  PREEMPTION,
  /** The kubelet's graceful node shutdown. */
  NODE_SHUTDOWN,
  /** The pod's activeDeadlineSeconds passed (phase reason DeadlineExceeded). */
  JOB_DEADLINE,
  /**
   * The pod garbage collector removed it (orphaned on a node that is gone, or terminating there too
   * long).
   */
  POD_GC;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The cause the snapshot shows: the DisruptionTarget condition's reason (Kubernetes ≥ 1.26) or
   * the phase reason; API deletion when neither says more.
   */
  public static ShutdownCause of(PodSnapshot pod) {
    String phaseReason = pod.reason() == null ? "" : pod.reason();
    String disruption =
        pod.condition("DisruptionTarget")
            .filter(PodCondition::isTrue)
            .map(PodCondition::reason)
            .orElse("");
    if (phaseReason.equals("Shutdown")
        || (phaseReason.equals("Terminated") && mentionsShutdown(pod.message()))) {
      return NODE_SHUTDOWN;
    }
    if (phaseReason.equals("DeadlineExceeded")) {
      return JOB_DEADLINE;
    }
    return switch (disruption) {
      case "EvictionByEvictionAPI", "DeletionByTaintManager" -> EVICTION;
      case "PreemptionByScheduler", "PreemptionByKubeScheduler" -> PREEMPTION;
      case "DeletionByPodGC" -> POD_GC;
      case "TerminationByKubelet" -> mentionsShutdown(pod.message()) ? NODE_SHUTDOWN : EVICTION;
      default -> phaseReason.equals("Evicted") ? EVICTION : API_DELETION;
    };
  }

  /** Later evidence refines a plain API deletion; a specific cause, once known, stays. */
  ShutdownCause refinedBy(ShutdownCause later) {
    return this == API_DELETION ? later : this;
  }

  private static boolean mentionsShutdown(String message) {
    return message != null && message.toLowerCase(Locale.ROOT).contains("shutdown");
  }
}
