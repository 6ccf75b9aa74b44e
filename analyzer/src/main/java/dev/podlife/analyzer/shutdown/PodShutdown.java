package dev.podlife.analyzer.shutdown;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import dev.podlife.events.ConditionChanged;
import dev.podlife.events.ConditionRemoved;
import dev.podlife.events.ContainerSpec;
import dev.podlife.events.ContainerState;
import dev.podlife.events.ContainerStateChanged;
import dev.podlife.events.ContainerStatus;
import dev.podlife.events.DeletionRequested;
import dev.podlife.events.EventObserved;
import dev.podlife.events.Fact;
import dev.podlife.events.KubeEvent;
import dev.podlife.events.PhaseChanged;
import dev.podlife.events.PodDeleted;
import dev.podlife.events.PodObserved;
import dev.podlife.events.PodRef;
import dev.podlife.events.PodSnapshot;

/**
 * The shutdown of one pod, from its first delete request until the object is gone.
 *
 * <p>The request time of the FIRST delete is the anchor; a later DELETE may only shorten the grace
 * period, and the latest grace is the effective one. A container belongs to the shutdown when it
 * was running when the deletion was requested, or when it finished at or after that time; its first
 * termination since then is how it stopped.
 *
 * @param deletionRequestedAt the first request's acceptance time: deletionTimestamp −
 *     deletionGracePeriodSeconds
 * @param deletionTimestamp the latest deletionTimestamp
 * @param gracePeriodSeconds the latest deletionGracePeriodSeconds
 * @param goneObservedAt when the collector saw the object go; null offline, on a relist, or while
 *     it exists
 * @param containers by name, in the kubelet's order
 */
public record PodShutdown(
    PodRef pod,
    Instant deletionRequestedAt,
    Instant deletionTimestamp,
    Long gracePeriodSeconds,
    ShutdownCause cause,
    boolean gone,
    Instant goneObservedAt,
    Map<String, ContainerShutdown> containers) {

  public PodShutdown {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(deletionRequestedAt, "deletionRequestedAt");
    Objects.requireNonNull(deletionTimestamp, "deletionTimestamp");
    Objects.requireNonNull(cause, "cause");
    containers = sorted(containers);
  }

  /**
   * The shutdown a first delete request starts, with the containers {@code pod} (the snapshot after
   * it) shows.
   */
  public static PodShutdown begin(DeletionRequested deletion, PodSnapshot pod) {
    Instant requestedAt = deletion.requestedAt();
    Map<String, ContainerShutdown> containers = new LinkedHashMap<>();
    for (int i = 0; i < pod.containers().size(); i++) {
      ContainerStatus status = pod.containers().get(i);
      boolean member =
          switch (status.state()) {
            case ContainerState.Running running -> true;
            case ContainerState.Terminated t ->
                t.finishedAt() == null || !t.finishedAt().isBefore(requestedAt);
            case null, default -> false;
          };
      if (member) {
        ContainerShutdown container =
            ContainerShutdown.running(status.name(), i, preStopConfigured(pod, status.name()));
        containers.put(
            status.name(),
            status.state() instanceof ContainerState.Terminated t
                ? container.withTermination(t)
                : container);
      }
    }
    return new PodShutdown(
        pod.pod(),
        requestedAt,
        deletion.deletionTimestamp(),
        deletion.gracePeriodSeconds(),
        ShutdownCause.of(pod),
        false,
        null,
        containers);
  }

  /** The shutdown after {@code fact}, with {@code pod} the snapshot after it. */
  public PodShutdown apply(Fact fact, PodSnapshot pod) {
    return switch (fact) {
      case DeletionRequested d ->
          gone
              ? this
              : new PodShutdown(
                  pod.pod(),
                  deletionRequestedAt,
                  d.deletionTimestamp(),
                  d.gracePeriodSeconds(),
                  cause.refinedBy(ShutdownCause.of(pod)),
                  gone,
                  goneObservedAt,
                  containers);
      case ContainerStateChanged c -> withContainerStatus(c.container(), pod);
      case EventObserved e -> withEvent(e.event(), pod);
      case PodDeleted d ->
          new PodShutdown(
              pod.pod(),
              deletionRequestedAt,
              deletionTimestamp,
              gracePeriodSeconds,
              cause,
              true,
              gone ? goneObservedAt : (d.detectedOnRelist() ? null : d.observedAt()),
              containers);
      case ConditionChanged c -> withCause(pod);
      case ConditionRemoved c -> withCause(pod);
      case PhaseChanged p -> withCause(pod);
      case PodObserved o -> withSpec(pod);
    };
  }

  /** deletion requested → the DELETED watch event, when the collector saw it live; else null. */
  public Duration podGone() {
    return goneObservedAt == null ? null : Duration.between(deletionRequestedAt, goneObservedAt);
  }

  public ShutdownOutcome outcome(ContainerShutdown container) {
    return ShutdownOutcome.of(
        container.termination(), container.toExit(deletionRequestedAt), gracePeriodSeconds, gone);
  }

  private PodShutdown withContainerStatus(ContainerStatus status, PodSnapshot pod) {
    ContainerShutdown known = containers.get(status.name());
    if (known != null && known.termination() != null) {
      return this; // the first termination after the request is how it stopped
    }
    ContainerState.Terminated terminated =
        Stream.of(status.state(), status.lastTerminated())
            .filter(ContainerState.Terminated.class::isInstance)
            .map(ContainerState.Terminated.class::cast)
            .filter(
                t ->
                    known != null
                        ? !finishedBefore(t)
                        : t.finishedAt() != null && !finishedBefore(t))
            .findFirst()
            .orElse(null);
    if (terminated == null) {
      return this;
    }
    ContainerShutdown container = known != null ? known : joining(status.name(), pod);
    return withContainer(container.withTermination(terminated), pod);
  }

  private boolean finishedBefore(ContainerState.Terminated t) {
    return t.finishedAt() != null && t.finishedAt().isBefore(deletionRequestedAt);
  }

  private PodShutdown withEvent(KubeEvent event, PodSnapshot pod) {
    String name = event.containerName();
    if (name == null) {
      return this;
    }
    boolean stopping =
        "Killing".equals(event.reason())
            && event.message() != null
            && event.message().startsWith("Stopping container");
    boolean preStopFailed = "FailedPreStopHook".equals(event.reason());
    if (!stopping && !preStopFailed) {
      return this;
    }
    Instant at = sinceRequest(event);
    if (at == null) {
      return this; // a liveness restart's Killing or hook failure before the deletion
    }
    ContainerShutdown container = containers.getOrDefault(name, joining(name, pod));
    return withContainer(
        stopping ? container.withKillingAt(at) : container.withPreStopFailed(), pod);
  }

  /** The Event's first occurrence at or after the request, or null when it only happened before. */
  private Instant sinceRequest(KubeEvent event) {
    for (Instant at : new Instant[] {event.firstOccurredAt(), event.lastOccurredAt()}) {
      if (at != null && !at.isBefore(deletionRequestedAt)) {
        return at;
      }
    }
    return null;
  }

  private PodShutdown withCause(PodSnapshot pod) {
    return new PodShutdown(
        pod.pod(),
        deletionRequestedAt,
        deletionTimestamp,
        gracePeriodSeconds,
        cause.refinedBy(ShutdownCause.of(pod)),
        gone,
        goneObservedAt,
        containers);
  }

  private PodShutdown withSpec(PodSnapshot pod) {
    Map<String, ContainerShutdown> updated = new LinkedHashMap<>();
    containers.forEach(
        (name, c) -> updated.put(name, c.withPreStopConfigured(preStopConfigured(pod, name))));
    return new PodShutdown(
        pod.pod(),
        deletionRequestedAt,
        deletionTimestamp,
        gracePeriodSeconds,
        cause,
        gone,
        goneObservedAt,
        updated);
  }

  private PodShutdown withContainer(ContainerShutdown container, PodSnapshot pod) {
    Map<String, ContainerShutdown> updated = new LinkedHashMap<>(containers);
    updated.put(container.name(), container);
    return new PodShutdown(
        pod.pod(),
        deletionRequestedAt,
        deletionTimestamp,
        gracePeriodSeconds,
        cause,
        gone,
        goneObservedAt,
        updated);
  }

  /** A container first met after the request (its status came later, or only its Events did). */
  private static ContainerShutdown joining(String name, PodSnapshot pod) {
    int position = pod.containers().stream().map(ContainerStatus::name).toList().indexOf(name);
    return ContainerShutdown.running(
        name, position < 0 ? Integer.MAX_VALUE : position, preStopConfigured(pod, name));
  }

  private static Boolean preStopConfigured(PodSnapshot pod, String name) {
    List<ContainerSpec> specs =
        Stream.concat(pod.spec().initContainers().stream(), pod.spec().containers().stream())
            .toList();
    if (specs.isEmpty()) {
      return null;
    }
    return specs.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .map(s -> s.preStop() != null)
        .orElse(null);
  }

  private static Map<String, ContainerShutdown> sorted(Map<String, ContainerShutdown> containers) {
    Map<String, ContainerShutdown> result = new LinkedHashMap<>();
    if (containers != null) {
      containers.values().stream()
          .sorted(
              java.util.Comparator.comparingInt(ContainerShutdown::position)
                  .thenComparing(ContainerShutdown::name))
          .forEach(c -> result.put(c.name(), c));
    }
    return java.util.Collections.unmodifiableMap(result);
  }
}
