package dev.podlife.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The state of a container as the kubelet reports it: exactly one of waiting, running or
 * terminated.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "state")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ContainerState.Waiting.class, name = "waiting"),
  @JsonSubTypes.Type(value = ContainerState.Running.class, name = "running"),
  @JsonSubTypes.Type(value = ContainerState.Terminated.class, name = "terminated")
})
public sealed interface ContainerState {

  /** The latest timestamp this state carries, or null when it carries none. */
  Instant timestamp();

  /**
   * Not running yet or again: ContainerCreating, PodInitializing, ErrImagePull, CrashLoopBackOff…
   */
  record Waiting(String reason, String message) implements ContainerState {
    @Override
    public Instant timestamp() {
      return null;
    }
  }

  record Running(Instant startedAt) implements ContainerState {
    @Override
    public Instant timestamp() {
      return startedAt;
    }
  }

  /**
   * A finished run.
   *
   * @param exitCode 128 + n when killed by signal n (137 = SIGKILL, 143 = SIGTERM); 137 alone does
   *     not mean OOMKilled
   * @param signal the signal number when the runtime reports it
   */
  record Terminated(
      String reason,
      int exitCode,
      Integer signal,
      Instant startedAt,
      Instant finishedAt,
      String message,
      String containerID)
      implements ContainerState {
    @Override
    public Instant timestamp() {
      return finishedAt != null ? finishedAt : startedAt;
    }
  }
}
