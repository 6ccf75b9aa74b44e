package dev.podlife.analyzer.shutdown;

import java.util.Locale;

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
   * The cause the snapshot shows: its {@link Disruption} (the DisruptionTarget condition,
   * Kubernetes ≥ 1.26, or the kubelet's phase reason), a passed activeDeadlineSeconds; API deletion
   * when neither says more.
   */
  public static ShutdownCause of(PodSnapshot pod) {
    Disruption disruption = Disruption.of(pod).orElse(null);
    if (disruption == Disruption.NODE_SHUTDOWN) {
      return NODE_SHUTDOWN;
    }
    if ("DeadlineExceeded".equals(pod.reason())) {
      return JOB_DEADLINE;
    }
    if (disruption == null) {
      return API_DELETION;
    }
    return switch (disruption) {
      case EVICTION, TAINT_MANAGER, NODE_PRESSURE -> EVICTION;
      case PREEMPTION -> PREEMPTION;
      case POD_GC -> POD_GC;
      case NODE_SHUTDOWN -> NODE_SHUTDOWN;
    };
  }

  /** Later evidence refines a plain API deletion; a specific cause, once known, stays. */
  ShutdownCause refinedBy(ShutdownCause later) {
    return this == API_DELETION ? later : this;
  }
}
