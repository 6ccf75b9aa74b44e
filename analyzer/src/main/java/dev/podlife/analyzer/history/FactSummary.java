package dev.podlife.analyzer.history;

import java.util.Objects;

import dev.podlife.events.ConditionChanged;
import dev.podlife.events.ConditionRemoved;
import dev.podlife.events.ContainerKind;
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
import dev.podlife.events.PodSnapshot;

/**
 * One human line per fact for a pod's history, e.g. {@code Container app terminated: OOMKilled,
 * exit 137} or {@code Event Unhealthy ×4: Liveness probe failed: …}.
 */
public final class FactSummary {
  private static final int MAX_MESSAGE = 200;

  private FactSummary() {}

  /**
   * @param before the pod as known before the fact (to say what changed), never null
   * @param fact the fact to describe
   */
  public static String of(PodSnapshot before, Fact fact) {
    return oneLine(
        switch (fact) {
          case PodObserved f -> podObserved(before, f);
          case PhaseChanged f -> phaseChanged(f);
          case ConditionChanged f -> conditionChanged(f);
          case ConditionRemoved f -> f.last().type() + " removed (was " + f.last().status() + ")";
          case ContainerStateChanged f -> containerChanged(before, f);
          case DeletionRequested f ->
              f.gracePeriodSeconds() == null
                  ? "Deletion requested"
                  : "Deletion requested, grace " + f.gracePeriodSeconds() + "s";
          case PodDeleted f ->
              f.detectedOnRelist() ? "Pod deleted (noticed on relist)" : "Pod deleted";
          case EventObserved f -> event(f.event());
        });
  }

  private static String podObserved(PodSnapshot before, PodObserved f) {
    if (before.resourceVersion() == null && before.createdAt() == null) {
      return f.node() == null ? "Pod created" : "Pod created on node " + f.node();
    }
    if (!Objects.equals(before.node(), f.node()) && f.node() != null) {
      return "Pod scheduled to node " + f.node();
    }
    if (!Objects.equals(before.spec(), f.spec())) {
      return "Pod spec changed";
    }
    if (!Objects.equals(before.labels(), f.labels())) {
      return "Pod labels changed";
    }
    return "Pod metadata changed";
  }

  private static String phaseChanged(PhaseChanged f) {
    String text =
        f.previousPhase() == null || f.previousPhase().equals(f.phase())
            ? "Phase " + f.phase()
            : "Phase " + f.previousPhase() + " → " + f.phase();
    return text + detail(f.reason(), f.message());
  }

  private static String conditionChanged(ConditionChanged f) {
    String type = f.condition().type();
    String text =
        f.previousStatus() == null || f.previousStatus().equals(f.condition().status())
            ? type + " → " + f.condition().status()
            : type + " " + f.previousStatus() + " → " + f.condition().status();
    return text + detail(f.condition().reason(), f.condition().message());
  }

  private static String containerChanged(PodSnapshot before, ContainerStateChanged f) {
    ContainerStatus now = f.container();
    ContainerStatus was = before.container(now.name()).orElse(null);
    String who = kindLabel(now.kind()) + " " + now.name();
    if (was != null && Objects.equals(was.state(), now.state())) {
      if (was.ready() != now.ready()) {
        return who + (now.ready() ? " ready" : " not ready");
      }
      if (!Objects.equals(was.started(), now.started())) {
        return who
            + (Boolean.TRUE.equals(now.started())
                ? " started (startup probe passed)"
                : " not started");
      }
      if (was.restartCount() != now.restartCount()) {
        return who + " restart count " + was.restartCount() + " → " + now.restartCount();
      }
      return who + " status changed";
    }
    String restart = now.restartCount() > 0 ? " (restarts " + now.restartCount() + ")" : "";
    return switch (now.state()) {
      case null -> who + " status changed";
      case ContainerState.Waiting w ->
          who
              + " waiting: "
              + (w.reason() == null ? "(no reason)" : w.reason())
              + restart
              + message(w.message());
      case ContainerState.Running r -> who + " running" + restart;
      case ContainerState.Terminated t ->
          who + " terminated: " + termination(t) + restart + message(t.message());
    };
  }

  private static String termination(ContainerState.Terminated t) {
    StringBuilder text = new StringBuilder();
    text.append(t.reason() == null || t.reason().isEmpty() ? "no reason" : t.reason());
    text.append(", exit ").append(t.exitCode());
    if (t.signal() != null && t.signal() != 0) {
      text.append(", signal ").append(t.signal());
    }
    return text.toString();
  }

  private static String event(KubeEvent e) {
    int n = e.occurrences();
    String reason = e.reason() == null ? "(no reason)" : e.reason();
    return "Event "
        + reason
        + (n > 1 ? " ×" + n : "")
        + (e.message() == null ? "" : ": " + truncate(e.message()));
  }

  private static String kindLabel(ContainerKind kind) {
    return switch (kind) {
      case INIT -> "Init container";
      case SIDECAR -> "Sidecar container";
      case REGULAR -> "Container";
      case EPHEMERAL -> "Ephemeral container";
    };
  }

  private static String detail(String reason, String message) {
    boolean hasReason = reason != null && !reason.isEmpty();
    boolean hasMessage = message != null && !message.isEmpty();
    if (hasReason && hasMessage) {
      return " (" + reason + ": " + truncate(message) + ")";
    }
    if (hasReason) {
      return " (" + reason + ")";
    }
    return hasMessage ? " (" + truncate(message) + ")" : "";
  }

  private static String message(String message) {
    return message == null || message.isEmpty() ? "" : " – " + truncate(message);
  }

  private static String truncate(String text) {
    String trimmed = text.strip();
    return trimmed.length() <= MAX_MESSAGE ? trimmed : trimmed.substring(0, MAX_MESSAGE - 1) + "…";
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
