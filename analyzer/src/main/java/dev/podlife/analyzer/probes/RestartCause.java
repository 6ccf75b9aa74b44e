package dev.podlife.analyzer.probes;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Why a container restarted, as {@link ProbesProjection} decides it once and stores it in {@code
 * probe_restart.cause}: every reader (the probes report, the restart alerts) uses the stored
 * verdict.
 */
public enum RestartCause {
  /**
   * The termination that ended the run was never seen (a restartCount jump shows only the last
   * one).
   */
  UNOBSERVED,
  /**
   * A {@code Killing … failed liveness probe} Event of the container occurred during the run that
   * ended: from its start (or {@link #KILL_LOOKBACK_WITHOUT_START} before its end when the start is
   * unknown) to {@link #KILL_AFTER_END} after its end.
   */
  LIVENESS,
  /** The same for a startup probe kill; a liveness kill in the same window wins. */
  STARTUP,
  /**
   * Neither: the run ended for its termination's reason ({@code OOMKilled}, {@code Error}, {@code
   * Completed}…).
   */
  TERMINATION;

  /**
   * How far before the run's end a Killing Event still explains it when the run's start is unknown.
   */
  public static final Duration KILL_LOOKBACK_WITHOUT_START = Duration.ofMinutes(10);

  /**
   * The causes that are the kubelet killing the container for a failed probe (the liveness_restarts
   * alert's).
   */
  public static final Set<RestartCause> PROBE_KILLS = Set.of(LIVENESS, STARTUP);

  /**
   * How long after the run's end a Killing Event still explains it (the kubelet records it as it
   * kills).
   */
  public static final Duration KILL_AFTER_END = Duration.ofSeconds(5);

  /** The value stored in {@code probe_restart.cause}. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }
}
