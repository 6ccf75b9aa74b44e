package dev.podlife.api.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.podlife.events.ConditionChanged;
import dev.podlife.events.ConditionRemoved;
import dev.podlife.events.ContainerKind;
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
import dev.podlife.events.PodSnapshot;

/**
 * A pod's life laid out for drawing: one lane per container (init and sidecar containers first, in
 * spec order), the pod's own Ready periods and markers, the deletion request, the grace window and
 * the deletion.
 */
record Timeline(
    Instant start,
    Instant end,
    List<Lane> lanes,
    List<Span> podReady,
    List<Marker> podMarkers,
    Instant deletionRequestedAt,
    Instant graceEndsAt,
    Instant deletedAt) {

  /**
   * A drawn interval; {@code kind} selects its style (run, failed-run, init-run, waiting, ready).
   */
  record Span(Instant from, Instant to, String label, String kind) {}

  /**
   * A drawn instant; {@code kind} selects its style (probe, hook, hook-failure, restart, kill,
   * event).
   */
  record Marker(Instant at, String label, String kind) {}

  record Lane(String container, ContainerKind kind, List<Span> spans, List<Marker> markers) {}

  /**
   * Builds the timeline from the pod's facts in time order and its last snapshot (for the spec).
   */
  static Timeline of(PodSnapshot last, List<Fact> facts) {
    Builder builder = new Builder(last);
    facts.forEach(builder::apply);
    return builder.build();
  }

  private static final class LaneState {
    final String name;
    final ContainerKind kind;
    final ContainerSpec spec;
    final List<Span> spans = new ArrayList<>();
    final List<Marker> markers = new ArrayList<>();
    final Set<Instant> recordedRuns = new HashSet<>();
    Instant runningSince;
    Instant readySince;
    Instant waitingSince;
    String waitingReason;
    int restarts;

    LaneState(String name, ContainerKind kind, ContainerSpec spec) {
      this.name = name;
      this.kind = kind;
      this.spec = spec;
    }
  }

  private static final class Builder {
    private final PodSnapshot last;
    private final Map<String, LaneState> lanes = new LinkedHashMap<>();
    private final List<Span> podReady = new ArrayList<>();
    private final List<Marker> podMarkers = new ArrayList<>();
    private Instant start;
    private Instant end;
    private Instant podReadySince;
    private Instant deletionRequestedAt;
    private Instant graceEndsAt;
    private Instant deletedAt;

    Builder(PodSnapshot last) {
      this.last = last;
      for (ContainerSpec c : last.spec().initContainers()) {
        lanes.put(c.name(), new LaneState(c.name(), c.kind(), c));
      }
      for (ContainerSpec c : last.spec().containers()) {
        lanes.put(c.name(), new LaneState(c.name(), c.kind(), c));
      }
      start = last.createdAt();
    }

    void apply(Fact fact) {
      see(fact.at());
      switch (fact) {
        case ContainerStateChanged f -> container(f);
        case ConditionChanged f -> {
          if ("Ready".equals(f.condition().type())) {
            if (f.condition().isTrue() && podReadySince == null) {
              podReadySince = f.at();
            } else if (!f.condition().isTrue() && podReadySince != null) {
              podReady.add(new Span(podReadySince, f.at(), "Ready", "ready"));
              podReadySince = null;
            }
          }
        }
        case DeletionRequested f -> {
          deletionRequestedAt = f.requestedAt();
          graceEndsAt = f.deletionTimestamp();
          podMarkers.add(
              new Marker(
                  deletionRequestedAt,
                  "Deletion requested, grace " + f.gracePeriodSeconds() + "s",
                  "delete"));
          for (LaneState lane : lanes.values()) {
            if (lane.spec != null && lane.spec.preStop() != null && lane.runningSince != null) {
              lane.markers.add(
                  new Marker(
                      deletionRequestedAt,
                      "preStop "
                          + lane.spec.preStop().handler()
                          + ": "
                          + lane.spec.preStop().detail(),
                      "hook"));
            }
          }
        }
        case PodDeleted f -> deletedAt = f.at();
        case EventObserved f -> event(f);
        case PhaseChanged f -> {
          if (f.reason() != null) {
            podMarkers.add(
                new Marker(
                    f.at(),
                    f.phase()
                        + ": "
                        + f.reason()
                        + (f.message() == null ? "" : " — " + f.message()),
                    "event"));
          }
        }
        case PodObserved f -> {
          if (start == null) {
            start = f.at();
          }
        }
        case ConditionRemoved
                f -> {} // the lanes draw no condition besides Ready, which is never removed
      }
    }

    private void container(ContainerStateChanged f) {
      ContainerStatus c = f.container();
      LaneState lane = lanes.computeIfAbsent(c.name(), name -> new LaneState(name, c.kind(), null));
      if (c.restartCount() > lane.restarts) {
        lane.markers.add(new Marker(f.at(), "Restart #" + c.restartCount(), "restart"));
        lane.restarts = c.restartCount();
      }
      if (c.lastTerminated() != null) {
        finished(lane, c.lastTerminated());
      }
      switch (c.state()) {
        case ContainerState.Running r -> {
          endWaiting(lane, r.startedAt() != null ? r.startedAt() : f.at());
          Instant since = r.startedAt() != null ? r.startedAt() : f.at();
          if (!since.equals(lane.runningSince) && !lane.recordedRuns.contains(since)) {
            lane.runningSince = since;
            see(since);
            if (lane.spec != null && lane.spec.postStart() != null) {
              lane.markers.add(
                  new Marker(
                      since,
                      "postStart "
                          + lane.spec.postStart().handler()
                          + ": "
                          + lane.spec.postStart().detail(),
                      "hook"));
            }
          }
        }
        case ContainerState.Terminated t -> {
          endWaiting(lane, f.at());
          finished(lane, t);
        }
        case ContainerState.Waiting w -> {
          if (lane.waitingSince == null || !w.reason().equals(lane.waitingReason)) {
            endWaiting(lane, f.at());
            lane.waitingSince = f.at();
            lane.waitingReason = w.reason() == null ? "Waiting" : w.reason();
          }
        }
        case null -> {}
      }
      // a completed init container reports ready: only a running container can be Ready
      if (c.ready() && lane.readySince == null && c.state() instanceof ContainerState.Running) {
        lane.readySince = f.at();
      } else if (!c.ready() && lane.readySince != null) {
        lane.spans.add(new Span(lane.readySince, f.at(), "ready", "ready"));
        lane.readySince = null;
      }
    }

    private void finished(LaneState lane, ContainerState.Terminated t) {
      Instant from =
          t.startedAt() == null || Instant.EPOCH.equals(t.startedAt())
              ? lane.runningSince
              : t.startedAt();
      Instant to = t.finishedAt();
      if (from == null || to == null || !lane.recordedRuns.add(from)) {
        return;
      }
      see(from);
      see(to);
      boolean clean = t.exitCode() == 0;
      String label =
          (t.reason() == null ? (clean ? "Completed" : "Error") : t.reason())
              + ", exit "
              + t.exitCode();
      lane.spans.add(
          new Span(
              from,
              to,
              label,
              clean ? (lane.kind == ContainerKind.INIT ? "init-run" : "run") : "failed-run"));
      lane.markers.add(
          new Marker(
              to,
              label + (t.message() == null ? "" : ": " + t.message()),
              clean ? "exit" : "kill"));
      if (from.equals(lane.runningSince)) {
        lane.runningSince = null;
      }
      if (lane.readySince != null) {
        lane.spans.add(new Span(lane.readySince, to, "ready", "ready"));
        lane.readySince = null;
      }
    }

    private void endWaiting(LaneState lane, Instant at) {
      if (lane.waitingSince != null) {
        lane.spans.add(
            new Span(
                lane.waitingSince,
                at.isBefore(lane.waitingSince) ? lane.waitingSince : at,
                lane.waitingReason,
                "waiting"));
        lane.waitingSince = null;
        lane.waitingReason = null;
      }
    }

    private void event(EventObserved f) {
      KubeEvent e = f.event();
      String container = e.containerName();
      LaneState lane = container == null ? null : lanes.get(container);
      String reason = e.reason() == null ? "" : e.reason();
      String kind =
          switch (reason) {
            case "Unhealthy" -> "probe";
            case "FailedPostStartHook", "FailedPreStopHook" -> "hook-failure";
            case "Killing" -> "kill";
            default -> "event";
          };
      String label =
          reason
              + (e.occurrences() > 1 ? " ×" + e.occurrences() : "")
              + ": "
              + (e.message() == null ? "" : e.message());
      Marker marker = new Marker(f.at(), label, kind);
      if (lane != null) {
        lane.markers.add(marker);
      } else if (!"Normal".equals(e.type()) || kind.equals("kill")) {
        podMarkers.add(marker);
      }
    }

    private void see(Instant at) {
      if (at == null) {
        return;
      }
      if (start == null || at.isBefore(start)) {
        start = at;
      }
      if (end == null || at.isAfter(end)) {
        end = at;
      }
    }

    Timeline build() {
      if (deletedAt != null) {
        see(deletedAt);
      } else if (graceEndsAt != null) {
        see(graceEndsAt); // still terminating: show the whole window it has
      }
      if (start == null) {
        start = Instant.EPOCH;
      }
      if (end == null || !end.isAfter(start)) {
        end = start.plusSeconds(1);
      }
      // a little room after the last thing so that it is not drawn on the edge
      Instant drawnEnd = end.plus(Duration.between(start, end).dividedBy(40));
      List<Lane> result = new ArrayList<>();
      for (LaneState lane : lanes.values()) {
        endWaiting(lane, drawnEnd);
        if (lane.runningSince != null) {
          lane.spans.add(
              new Span(
                  lane.runningSince,
                  drawnEnd,
                  "running",
                  lane.kind == ContainerKind.INIT ? "init-run" : "run"));
        }
        if (lane.readySince != null) {
          lane.spans.add(new Span(lane.readySince, drawnEnd, "ready", "ready"));
        }
        result.add(
            new Lane(lane.name, lane.kind, List.copyOf(lane.spans), List.copyOf(lane.markers)));
      }
      if (podReadySince != null) {
        podReady.add(new Span(podReadySince, drawnEnd, "Ready", "ready"));
      }
      return new Timeline(
          start,
          drawnEnd,
          result,
          List.copyOf(podReady),
          List.copyOf(podMarkers),
          deletionRequestedAt,
          graceEndsAt,
          deletedAt);
    }
  }
}
