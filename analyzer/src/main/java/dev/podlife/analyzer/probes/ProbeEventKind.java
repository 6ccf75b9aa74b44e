package dev.podlife.analyzer.probes;

import java.util.Locale;
import java.util.Optional;

import dev.podlife.events.KubeEvent;

/**
 * What a counted probe Event says: a probe failed ({@code Unhealthy}), or the kubelet killed the
 * container because a probe failed ({@code Killing}). {@code ProbeWarning} Events and plain stops
 * are not counted.
 */
public enum ProbeEventKind {
  LIVENESS,
  READINESS,
  STARTUP,
  LIVENESS_KILL,
  STARTUP_KILL;

  /**
   * The aggregator's prefix on Events it combined from similar ones; the rest is the original
   * message.
   */
  static final String COMBINED = "(combined from similar events): ";

  /** The value stored in {@code probe_event.kind}. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind of {@code event}, or empty when it is not a probe failure or probe kill. */
  public static Optional<ProbeEventKind> of(KubeEvent event) {
    String message = event.message() == null ? "" : event.message();
    if (message.startsWith(COMBINED)) {
      message = message.substring(COMBINED.length());
    }
    if ("Unhealthy".equals(event.reason())) {
      return failure(message);
    }
    if ("Killing".equals(event.reason())) {
      // kubelet killContainer: "Container <name> failed liveness probe, will be restarted"
      if (message.contains(" failed liveness probe")) {
        return Optional.of(LIVENESS_KILL);
      }
      if (message.contains(" failed startup probe")) {
        return Optional.of(STARTUP_KILL);
      }
    }
    return Optional.empty();
  }

  /**
   * The container the Event is about: its fieldPath's, else for a probe kill the name in the
   * kubelet's message ({@code Container <name> failed …}); null when neither tells.
   */
  public static String container(KubeEvent event) {
    if (event.containerName() != null) {
      return event.containerName();
    }
    String message = event.message() == null ? "" : event.message();
    if ("Killing".equals(event.reason()) && message.startsWith("Container ")) {
      int end = message.indexOf(" failed ", "Container ".length());
      return end > 0 ? message.substring("Container ".length(), end) : null;
    }
    return null;
  }

  private static Optional<ProbeEventKind> failure(String message) {
    for (ProbeEventKind kind : new ProbeEventKind[] {LIVENESS, READINESS, STARTUP}) {
      String probe =
          kind.name().charAt(0) + kind.name().substring(1).toLowerCase(Locale.ROOT) + " probe ";
      if (message.startsWith(probe + "failed:") || message.startsWith(probe + "errored:")) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
