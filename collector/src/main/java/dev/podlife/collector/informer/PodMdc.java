package dev.podlife.collector.informer;

import org.slf4j.MDC;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Puts the pod's namespace, name and uid into the logging MDC around work on one object
 * (java-operator-sdk's MDCUtils).
 */
public final class PodMdc {
  private PodMdc() {}

  /**
   * Runs {@code action} with the MDC set for {@code object} (a Pod, or an Event about the pod
   * {@code podUid}).
   */
  public static void run(HasMetadata object, String podUid, Runnable action) {
    MDC.put("namespace", object.getMetadata().getNamespace());
    MDC.put("name", object.getMetadata().getName());
    MDC.put("uid", podUid);
    try {
      action.run();
    } finally {
      MDC.remove("namespace");
      MDC.remove("name");
      MDC.remove("uid");
    }
  }
}
