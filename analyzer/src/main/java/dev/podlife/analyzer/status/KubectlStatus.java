package dev.podlife.analyzer.status;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.podlife.events.ContainerKind;
import dev.podlife.events.ContainerSpec;
import dev.podlife.events.ContainerState;
import dev.podlife.events.ContainerStatus;
import dev.podlife.events.PodCondition;
import dev.podlife.events.PodSnapshot;

/**
 * Computes the kubectl columns the way kubectl's server-side printer does: a line-by-line port of
 * {@code printPod} in kubernetes {@code pkg/printers/internalversion/printers.go} as of v1.35, so
 * the STATUS a user saw is the STATUS podlife reports. v1.35 (kubernetes PR #124766) changed one
 * rule: a pod whose STATUS would read {@code Completed} while one of its containers exited non-zero
 * shows that container's reason, unless a container still runs and the pod is Ready; v1.32–v1.34
 * showed {@code Completed} (or {@code NotReady}).
 */
public final class KubectlStatus {
  private static final String NODE_UNREACHABLE_POD_REASON = "NodeLost";
  private static final String SCHEDULING_GATED = "SchedulingGated";

  private KubectlStatus() {}

  public static KubectlColumns of(PodSnapshot pod) {
    int restarts = 0;
    int restartableInitContainerRestarts = 0;
    int totalContainers = pod.spec().containers().size();
    int readyContainers = 0;

    String phase = pod.phase() == null ? "" : pod.phase();
    String reason = isEmpty(pod.reason()) ? phase : pod.reason();

    for (PodCondition condition : pod.conditions()) {
      if ("PodScheduled".equals(condition.type()) && SCHEDULING_GATED.equals(condition.reason())) {
        reason = SCHEDULING_GATED;
      }
    }

    Map<String, ContainerSpec> initContainers =
        pod.spec().initContainers().stream()
            .collect(Collectors.toMap(ContainerSpec::name, Function.identity(), (a, b) -> a));
    for (ContainerSpec init : pod.spec().initContainers()) {
      if (init.kind() == ContainerKind.SIDECAR) {
        totalContainers++;
      }
    }
    int initContainerCount = pod.spec().initContainers().size();

    List<ContainerStatus> initStatuses =
        pod.containers().stream()
            .filter(c -> c.kind() == ContainerKind.INIT || c.kind() == ContainerKind.SIDECAR)
            .toList();
    // The kubelet writes status.containerStatuses sorted by name (SortedContainerStatuses); the
    // snapshot keeps spec
    // order, so restore the API order: printPod lets the first container's reason win.
    List<ContainerStatus> regularStatuses =
        pod.containers().stream()
            .filter(c -> c.kind() == ContainerKind.REGULAR)
            .sorted(Comparator.comparing(ContainerStatus::name))
            .toList();

    boolean initializing = false;
    for (int i = 0; i < initStatuses.size(); i++) {
      ContainerStatus container = initStatuses.get(i);
      boolean restartable = isRestartableInitContainer(initContainers.get(container.name()));
      restarts += container.restartCount();
      if (restartable) {
        restartableInitContainerRestarts += container.restartCount();
      }
      if (container.state() instanceof ContainerState.Terminated t && t.exitCode() == 0) {
        continue;
      }
      if (restartable && Boolean.TRUE.equals(container.started())) {
        if (container.ready()) {
          readyContainers++;
        }
        continue;
      }
      if (container.state() instanceof ContainerState.Terminated t) {
        // initialization failed
        if (isEmpty(t.reason())) {
          reason = signal(t) != 0 ? "Init:Signal:" + signal(t) : "Init:ExitCode:" + t.exitCode();
        } else {
          reason = "Init:" + t.reason();
        }
      } else if (container.state() instanceof ContainerState.Waiting w
          && !isEmpty(w.reason())
          && !"PodInitializing".equals(w.reason())) {
        reason = "Init:" + w.reason();
      } else {
        reason = "Init:" + i + "/" + initContainerCount;
      }
      initializing = true;
      break;
    }

    if (!initializing || isConditionTrue(pod, "Initialized")) {
      restarts = restartableInitContainerRestarts;
      boolean hasRunning = false;
      // the reason of the first container (in API order, as for the STATUS itself) that exited
      // non-zero
      String errorReason = null;
      for (int i = regularStatuses.size() - 1; i >= 0; i--) {
        ContainerStatus container = regularStatuses.get(i);
        restarts += container.restartCount();
        ContainerState state = container.state();
        if (state instanceof ContainerState.Waiting w && !isEmpty(w.reason())) {
          reason = w.reason();
        } else if (state instanceof ContainerState.Terminated t && !isEmpty(t.reason())) {
          reason = t.reason();
        } else if (state instanceof ContainerState.Terminated t) {
          reason = signal(t) != 0 ? "Signal:" + signal(t) : "ExitCode:" + t.exitCode();
        } else if (container.ready() && state instanceof ContainerState.Running) {
          hasRunning = true;
          readyContainers++;
        }
        if (state instanceof ContainerState.Terminated t && t.exitCode() != 0) {
          errorReason = reason;
        }
      }

      // "Completed" says nothing failed: change it back to "Running" while a container still runs
      // in a Ready pod,
      // else to the failure a container exited with (v1.35), else to "NotReady" while a container
      // runs
      if ("Completed".equals(reason)) {
        boolean ready = isConditionTrue(pod, "Ready");
        if (hasRunning && ready) {
          reason = "Running";
        } else if (errorReason != null) {
          reason = errorReason;
        } else if (hasRunning) {
          reason = "NotReady";
        }
      }
    }

    if (pod.deletionTimestamp() != null && NODE_UNREACHABLE_POD_REASON.equals(pod.reason())) {
      reason = "Unknown";
    } else if (pod.deletionTimestamp() != null && !isTerminal(phase)) {
      reason = "Terminating";
    }

    return new KubectlColumns(reason, readyContainers + "/" + totalContainers, restarts);
  }

  /**
   * podutil.IsRestartableInitContainer: an init container whose restartPolicy is Always (a
   * sidecar).
   */
  private static boolean isRestartableInitContainer(ContainerSpec spec) {
    return spec != null && spec.kind() == ContainerKind.SIDECAR;
  }

  private static boolean isConditionTrue(PodSnapshot pod, String type) {
    return pod.conditions().stream().anyMatch(c -> c.type().equals(type) && c.isTrue());
  }

  private static boolean isTerminal(String phase) {
    return "Failed".equals(phase) || "Succeeded".equals(phase);
  }

  private static int signal(ContainerState.Terminated terminated) {
    return terminated.signal() == null ? 0 : terminated.signal();
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }
}
