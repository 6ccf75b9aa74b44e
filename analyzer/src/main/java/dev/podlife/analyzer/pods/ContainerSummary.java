package dev.podlife.analyzer.pods;

import java.time.Instant;

import dev.podlife.events.ContainerState;
import dev.podlife.events.ContainerStatus;

/**
 * One container of a pod's latest snapshot, flattened for reading.
 *
 * @param state {@code waiting}, {@code running}, {@code terminated}, or {@code unknown} when the
 *     kubelet reported none
 * @param reason the waiting or terminated reason (CrashLoopBackOff, Completed, OOMKilled…)
 * @param since when it started running or finished
 * @param exitCode the exit code when terminated
 * @param lastTermination how the previous run ended, kept across restarts
 */
public record ContainerSummary(
    String name,
    String kind,
    String state,
    String reason,
    Instant since,
    Integer exitCode,
    boolean ready,
    Boolean started,
    int restartCount,
    String image,
    Termination lastTermination) {

  /** How one run of a container ended. */
  public record Termination(String reason, int exitCode, Instant finishedAt) {}

  static ContainerSummary of(ContainerStatus status) {
    ContainerState state = status.state();
    String name;
    String reason = null;
    Instant since = null;
    Integer exitCode = null;
    switch (state) {
      case null -> name = "unknown";
      case ContainerState.Waiting w -> {
        name = "waiting";
        reason = w.reason();
      }
      case ContainerState.Running r -> {
        name = "running";
        since = r.startedAt();
      }
      case ContainerState.Terminated t -> {
        name = "terminated";
        reason = t.reason();
        since = t.finishedAt();
        exitCode = t.exitCode();
      }
    }
    ContainerState.Terminated last = status.lastTerminated();
    return new ContainerSummary(
        status.name(),
        status.kind().name(),
        name,
        reason,
        since,
        exitCode,
        status.ready(),
        status.started(),
        status.restartCount(),
        status.image(),
        last == null ? null : new Termination(last.reason(), last.exitCode(), last.finishedAt()));
  }
}
