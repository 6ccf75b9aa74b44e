package dev.podlife.analyzer.shutdown;

import java.time.Duration;
import java.util.Locale;

import dev.podlife.events.ContainerState;

/**
 * How one container ended after its pod's deletion was requested; decided in the order of the
 * constants.
 */
public enum ShutdownOutcome {
  /** Reason OOMKilled while stopping (its exit code is 137 too, so this goes first). */
  OOM_KILLED,
  /** Exit code 0, or 143: it exited on SIGTERM. */
  CLEAN,
  /**
   * Exit code 137 (SIGKILL) at or after the grace period minus one second: the kubelet had to kill
   * it.
   */
  KILLED_AFTER_GRACE,
  /** Any other non-zero exit, including 137 well before the grace period ended. */
  ERROR_EXIT,
  /**
   * The pod vanished without a terminated state for the container (node lost), or
   * ContainerStatusUnknown.
   */
  UNKNOWN;

  /**
   * Timestamps are whole seconds, so "at the end of the grace period" allows one second of
   * rounding.
   */
  static final Duration GRACE_TOLERANCE = Duration.ofSeconds(1);

  /** The name as reported: {@code killed_after_grace}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The outcome of one container, or null while it is still stopping.
   *
   * @param termination how it ended, null when no terminated state was seen
   * @param toExit deletion requested → finishedAt, null when unknown
   * @param graceSeconds the effective (latest) grace period, null when unknown
   * @param podGone whether the pod object is gone
   */
  public static ShutdownOutcome of(
      ContainerState.Terminated termination, Duration toExit, Long graceSeconds, boolean podGone) {
    if (termination == null) {
      return podGone ? UNKNOWN : null;
    }
    if ("OOMKilled".equals(termination.reason())) {
      return OOM_KILLED;
    }
    if ("ContainerStatusUnknown".equals(termination.reason())) {
      return UNKNOWN;
    }
    int exitCode = termination.exitCode();
    if (exitCode == 0 || exitCode == 143) {
      return CLEAN;
    }
    if (exitCode == 137
        && toExit != null
        && graceSeconds != null
        && toExit.compareTo(Duration.ofSeconds(graceSeconds).minus(GRACE_TOLERANCE)) >= 0) {
      return KILLED_AFTER_GRACE;
    }
    return ERROR_EXIT;
  }
}
