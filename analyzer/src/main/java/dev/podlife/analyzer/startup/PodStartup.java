package dev.podlife.analyzer.startup;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

import dev.podlife.events.ConditionChanged;
import dev.podlife.events.ContainerKind;
import dev.podlife.events.ContainerSpec;
import dev.podlife.events.ContainerState;
import dev.podlife.events.ContainerStateChanged;
import dev.podlife.events.ContainerStatus;
import dev.podlife.events.EventObserved;
import dev.podlife.events.Fact;
import dev.podlife.events.PhaseChanged;
import dev.podlife.events.PodCondition;
import dev.podlife.events.PodDeleted;
import dev.podlife.events.PodObserved;
import dev.podlife.events.PodRef;
import dev.podlife.events.PodSnapshot;

/**
 * One pod's first start as its facts reveal it, folded fact by fact: the clusterloader2 timestamps
 * (created, scheduled, running, watched) plus initialized, ready, image pulls and init containers —
 * or, until it starts, why it waits.
 */
final class PodStartup {
  /**
   * Volumes that hold no state of their own: a pod with only these is "stateless" in the SLO's
   * sense.
   */
  static final Set<String> STATELESS_VOLUMES =
      Set.of("emptyDir", "configMap", "secret", "downwardAPI", "projected");

  final String cluster;
  final String uid;
  String namespace = "";
  String name = "";
  String workloadKind;
  String workloadName;
  String node;
  Instant created;
  Instant scheduled;
  boolean scheduledByEvent;
  Instant initialized;
  Instant running;
  Instant ready;
  Instant watched;
  Boolean stateless;
  boolean unschedulable;
  String waitingReason;
  Instant waitingSince;
  Instant deletedAt;

  /** Regular containers' first start, by name. */
  final Map<String, Instant> containerStarts = new TreeMap<>();

  /** Image pull time of each container's first start, by name. */
  final Map<String, Long> imagePulls = new TreeMap<>();

  /** Init containers' first completed run, by name: [startedAt, finishedAt]. */
  final Map<String, List<Instant>> initContainers = new TreeMap<>();

  List<String> regularContainers = List.of();

  PodStartup(String cluster, String uid) {
    this.cluster = cluster;
    this.uid = uid;
  }

  boolean started() {
    return running != null;
  }

  /**
   * Whether the Kubernetes pod startup SLO counts this pod: it started, is stateless, was never
   * reported Unschedulable (not a "schedulable pod"), and so has an SLI. Stored as {@code
   * pod_startup.slo_eligible}: the one definition the SLO report, the startup_p99 alert and the CLI
   * read.
   */
  boolean sloEligible() {
    return started() && Boolean.TRUE.equals(stateless) && !unschedulable;
  }

  /** The sum of the image pulls of the containers' first starts, or null when no pull was seen. */
  Long imagePullMs() {
    return imagePulls.isEmpty()
        ? null
        : imagePulls.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * From the first init container's first start (a failed earlier run included) to the last one's
   * successful end or the last sidecar's being started (restartable init containers never end in
   * init), or null without completed init containers or started sidecars.
   */
  Long initMs() {
    if (initContainers.isEmpty()) {
      return null;
    }
    Instant first =
        initContainers.values().stream()
            .map(List::getFirst)
            .min(Comparator.naturalOrder())
            .orElseThrow();
    Instant last =
        initContainers.values().stream()
            .map(List::getLast)
            .max(Comparator.naturalOrder())
            .orElseThrow();
    return Math.max(0, Duration.between(first, last).toMillis());
  }

  void apply(Fact fact, PodSnapshot after) {
    PodRef pod = after.pod();
    namespace = pod.namespace() == null ? namespace : pod.namespace();
    name = pod.name() == null ? name : pod.name();
    if (pod.workload() != null) {
      workloadKind = pod.workload().kind();
      workloadName = pod.workload().name();
    }
    node = after.node() == null ? node : after.node();
    created = after.createdAt() == null ? created : after.createdAt();
    switch (fact) {
      case PodObserved f -> observed(f);
      case ConditionChanged f -> condition(f.condition(), f.at());
      case ContainerStateChanged f -> container(f.container(), f.at());
      case PhaseChanged f -> phase(f);
      case EventObserved f -> event(f);
      case PodDeleted f -> deletedAt = f.at();
      default -> {}
    }
  }

  private void observed(PodObserved f) {
    stateless = STATELESS_VOLUMES.containsAll(f.spec().volumeKinds());
    regularContainers = f.spec().containers().stream().map(ContainerSpec::name).toList();
    if (!started() && waitingReason == null) {
      waitFor(
          scheduled == null ? "Pending" : "ContainerCreating",
          f.createdAt() != null ? f.createdAt() : f.at());
    }
    settleRunning();
  }

  private void condition(PodCondition c, Instant at) {
    Instant when = c.lastTransitionTime() != null ? c.lastTransitionTime() : at;
    switch (c.type()) {
      case "PodScheduled" -> {
        if (c.isTrue()) {
          if (!scheduledByEvent) {
            scheduled = when;
          }
          if ("Pending".equals(waitingReason)
              || "Unschedulable".equals(waitingReason)
              || "SchedulingGated".equals(waitingReason)) {
            waitFor("ContainerCreating", when);
          }
        } else if (c.reason() != null && !started()) {
          unschedulable |= "Unschedulable".equals(c.reason());
          waitFor(c.reason(), when);
        }
      }
      case "Initialized" -> {
        if (c.isTrue() && initialized == null) {
          initialized = when;
        }
      }
      case "Ready" -> {
        if (c.isTrue() && ready == null) {
          ready = when;
        }
      }
      default -> {}
    }
  }

  private void container(ContainerStatus c, Instant at) {
    if (c.kind() == ContainerKind.INIT
        && c.state() instanceof ContainerState.Terminated t
        && t.exitCode() == 0
        && t.startedAt() != null
        && t.finishedAt() != null) {
      // the init phase began with the first run: a failed one (kept in lastState) and its back-off
      // are init time too
      Instant firstStart =
          c.lastTerminated() != null
                  && c.lastTerminated().startedAt() != null
                  && c.lastTerminated().startedAt().isBefore(t.startedAt())
              ? c.lastTerminated().startedAt()
              : t.startedAt();
      initContainers.putIfAbsent(c.name(), List.of(firstStart, t.finishedAt()));
    }
    if (c.kind() == ContainerKind.SIDECAR
        && c.state() instanceof ContainerState.Running r
        && r.startedAt() != null
        && !Boolean.FALSE.equals(c.started())) {
      // a sidecar is part of init until it is started (its startup probe passed): only then does
      // the kubelet start the next init container, or the main containers (KEP-753)
      Instant firstStart =
          c.lastTerminated() != null
                  && c.lastTerminated().startedAt() != null
                  && c.lastTerminated().startedAt().isBefore(r.startedAt())
              ? c.lastTerminated().startedAt()
              : r.startedAt();
      initContainers.putIfAbsent(
          c.name(), List.of(firstStart, at.isBefore(r.startedAt()) ? r.startedAt() : at));
    }
    if (c.kind() == ContainerKind.REGULAR) {
      Instant startedAt =
          switch (c.state()) {
            case ContainerState.Running r -> r.startedAt();
            // finished before it was ever seen running (a quick Job container)
            case ContainerState.Terminated t when c.restartCount() == 0 -> t.startedAt();
            case null, default -> null;
          };
      if (startedAt != null) {
        containerStarts.putIfAbsent(c.name(), startedAt);
        settleRunning();
      }
    }
    if (!started()) {
      switch (c.state()) {
        case ContainerState.Waiting w when w.reason() != null ->
            waitFor(waitingReason(c.kind(), w.reason()), at);
        case ContainerState.Terminated t when c.kind() == ContainerKind.INIT && t.exitCode() != 0 ->
            waitFor("Init:" + (t.reason() == null ? "Error" : t.reason()), at);
        case null, default -> {}
      }
    }
  }

  private static String waitingReason(ContainerKind kind, String reason) {
    return kind == ContainerKind.INIT && !reason.equals("PodInitializing")
        ? "Init:" + reason
        : reason;
  }

  private void phase(PhaseChanged f) {
    if ("Running".equals(f.phase()) && watched == null && f.observedAt() != null) {
      watched = f.observedAt();
    }
    if (!started() && ("Failed".equals(f.phase()) || "Succeeded".equals(f.phase()))) {
      waitFor(f.reason() != null ? f.reason() : f.phase(), f.at());
    }
  }

  private void event(EventObserved f) {
    var e = f.event();
    if ("Scheduled".equals(e.reason())) {
      Instant at = e.firstOccurredAt();
      if (at != null && (!scheduledByEvent || at.isBefore(scheduled))) {
        scheduled = at;
        scheduledByEvent = true;
      }
    } else if ("Pulled".equals(e.reason()) && e.containerName() != null) {
      String container = e.containerName();
      Instant firstStart = containerStarts.get(container);
      Instant pulledAt = e.firstOccurredAt();
      // a pull for a restart (imagePullPolicy Always) is not part of the startup
      // (startedAt has whole seconds, the Event may have microseconds)
      boolean forFirstStart =
          firstStart == null
              || pulledAt == null
              || !pulledAt.truncatedTo(ChronoUnit.SECONDS).isAfter(firstStart);
      OptionalLong ms = PulledMessage.pullMillis(e.message());
      if (forFirstStart && ms.isPresent()) {
        imagePulls.putIfAbsent(container, ms.getAsLong());
      }
    }
  }

  /** running = the latest first start once every regular container has started. */
  private void settleRunning() {
    if (running != null || containerStarts.isEmpty()) {
      return;
    }
    List<String> expected =
        regularContainers.isEmpty() ? List.copyOf(containerStarts.keySet()) : regularContainers;
    if (containerStarts.keySet().containsAll(expected)) {
      running =
          expected.stream().map(containerStarts::get).max(Comparator.naturalOrder()).orElseThrow();
      waitingReason = null;
      waitingSince = null;
    }
  }

  private void waitFor(String reason, Instant since) {
    if (started() || Objects.equals(reason, waitingReason)) {
      return;
    }
    waitingReason = reason;
    waitingSince = since;
  }
}
