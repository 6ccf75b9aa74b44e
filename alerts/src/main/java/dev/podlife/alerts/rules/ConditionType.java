package dev.podlife.alerts.rules;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a rule watches for. Each condition yields occurrences (a termination, a restart, a pod's
 * startup…) that the rule counts per group within its window; {@link #reason} is the group's reason
 * where the condition has one fixed reason (termination conditions use the termination's own
 * reason).
 */
public enum ConditionType {
  /**
   * A container or pod termination whose reason is in {@code reasons} (OOMKilled, Error, Evicted…).
   */
  TERMINATION_REASON("termination_reason", null),
  /** A container termination whose exit code is in {@code exitCodes}. */
  EXIT_CODE("exit_code", null),
  /** A container still running when the grace period ran out: SIGKILLed by the kubelet. */
  KILLED_AFTER_GRACE("killed_after_grace", "KilledAfterGrace"),
  /** A container entered CrashLoopBackOff (one occurrence per episode). */
  CRASH_LOOP_ENTERED("crash_loop_entered", "CrashLoopBackOff"),
  /** Container restarts, whatever their cause; fires at {@code threshold} within the window. */
  RESTARTS("restarts", "Restarts"),
  /** Restarts the kubelet made because a liveness (or startup) probe failed. */
  LIVENESS_RESTARTS("liveness_restarts", "LivenessRestarts"),
  /**
   * The p99 startup latency (the SLI of the startup report) of the pods created in the window
   * exceeds {@code latency}.
   */
  STARTUP_P99("startup_p99", "StartupLatency"),
  /** A preStop hook failed (FailedPreStopHook). */
  PRESTOP_FAILED("prestop_failed", "FailedPreStopHook");

  private final String wireName;
  private final String reason;

  ConditionType(String wireName, String reason) {
    this.wireName = wireName;
    this.reason = reason;
  }

  /** As written in a rule: {@code "type": "termination_reason"}. */
  public String wireName() {
    return wireName;
  }

  /** The fixed reason of this condition's alerts; empty when it is the termination's own reason. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  public static Optional<ConditionType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
