package dev.podlife.analyzer.probes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.jdbi.v3.core.Handle;

import dev.podlife.analyzer.store.FeatureProjection;
import dev.podlife.events.ConditionChanged;
import dev.podlife.events.ContainerKind;
import dev.podlife.events.ContainerState;
import dev.podlife.events.ContainerStateChanged;
import dev.podlife.events.ContainerStatus;
import dev.podlife.events.EventObserved;
import dev.podlife.events.Fact;
import dev.podlife.events.PhaseChanged;
import dev.podlife.events.PodObserved;
import dev.podlife.events.PodRef;
import dev.podlife.events.PodSnapshot;

/**
 * Projects facts into the probes tables: probe failures and probe kills by the increments of each
 * Event's count, each restartCount increment (with the termination that ended the run when it was
 * seen, and its {@link RestartCause}), readiness flaps, intervals not ready while running,
 * container runs and probe configuration.
 *
 * <p>A restart's cause is stored, not joined by readers: it is decided when the restart is written,
 * from the probe kills stored by then, and decided again when a probe kill of its run arrives
 * later, so Events before or after the pod's own facts (relist order, a rebuild) store the same
 * cause.
 *
 * <p>An Event's occurrences are counted by increments over the highest count seen for that Event
 * object: an Event first seen at count N counts N, a later version at count M counts M − N, and a
 * relisted version at the same count counts nothing. Increments are timed by the Event's last
 * occurrence (series.lastObservedTime or lastTimestamp).
 */
public final class ProbesProjection implements FeatureProjection {
  /** The pod-level scope of readiness rows (container ''). */
  static final String POD = "";

  /** The {@code probe_event} kinds that can explain a restart. */
  private static final Set<String> KILLS =
      Set.of(ProbeEventKind.LIVENESS_KILL.column(), ProbeEventKind.STARTUP_KILL.column());

  private static final double LOOKBACK_SECONDS =
      RestartCause.KILL_LOOKBACK_WITHOUT_START.toMillis() / 1000.0;
  private static final double AFTER_END_SECONDS = RestartCause.KILL_AFTER_END.toMillis() / 1000.0;

  @Override
  public Batch begin(Handle handle) {
    return new ProbesBatch(handle.attach(ProbeRows.class));
  }

  @Override
  public void forget(Handle handle, String[] clusters, String[] uids) {
    handle.attach(ProbeRows.class).forget(clusters, uids);
  }

  @Override
  public void truncate(Handle handle) {
    handle.attach(ProbeRows.class).truncate();
  }

  private static final class ProbesBatch implements Batch {
    private record EventKey(String cluster, String eventUid) {}

    private record IntervalKey(String cluster, String podUid, String container) {}

    /**
     * A pod-level flap, kept until the flush unless a later fact of the same object version ends
     * the phase.
     */
    private record PendingFlap(String resourceVersion, ProbeRows.FlapRow row) {
      String cluster() {
        return row.cluster();
      }

      String podUid() {
        return row.podUid();
      }
    }

    private record TerminationKey(
        String cluster, String podUid, String container, String termination) {}

    private final ProbeRows rows;
    private final Map<EventKey, Integer> lastCounts = new HashMap<>();
    private final Set<EventKey> countsChanged = new HashSet<>();
    private final List<ProbeRows.ContainerConfig> configs = new ArrayList<>();
    private final List<ProbeRows.ProbeEventRow> events = new ArrayList<>();
    private final List<ProbeRows.RestartRow> restarts = new ArrayList<>();
    private final List<ProbeRows.FlapRow> flaps = new ArrayList<>();
    private final List<PendingFlap> podFlaps = new ArrayList<>();

    /** Pod versions that ended the phase: pod-level flaps an earlier batch stored for them go. */
    private final List<ProbeRows.VersionRow> retractedFlaps = new ArrayList<>();

    private final List<ProbeRows.RunRow> runs = new ArrayList<>();

    /**
     * Terminations that explained a restart in this transaction (the table holds the earlier ones).
     */
    private final Set<TerminationKey> usedTerminations = new HashSet<>();

    /** Intervals opened in this batch (ended or not), written after the closes of earlier ones. */
    private final Map<IntervalKey, List<ProbeRows.NotReadyRow>> opened = new LinkedHashMap<>();

    private final List<ProbeRows.NotReadyRow> closes = new ArrayList<>();

    /**
     * The terminations that explained the stored restarts of the pods {@link #preload} read, until
     * the next flush writes more.
     */
    private final Map<PodKey, Set<TerminationKey>> counted = new HashMap<>();

    private record PodKey(String cluster, String uid) {}

    ProbesBatch(ProbeRows rows) {
      this.rows = rows;
    }

    @Override
    public void preload(List<NewFact> facts) {
      Set<EventKey> events = new LinkedHashSet<>();
      Set<PodKey> pods = new LinkedHashSet<>();
      for (NewFact f : facts) {
        PodRef pod = f.fact().pod();
        switch (f.fact()) {
          case EventObserved e when ProbeEventKind.of(e.event()).isPresent() -> {
            EventKey key = new EventKey(pod.cluster(), e.event().uid());
            if (!lastCounts.containsKey(key)) {
              events.add(key);
            }
          }
          case ContainerStateChanged c -> {
            PodKey key = new PodKey(pod.cluster(), pod.uid());
            if (!counted.containsKey(key)) {
              pods.add(key);
            }
          }
          default -> {}
        }
      }
      if (!events.isEmpty()) {
        events.forEach(key -> lastCounts.put(key, 0));
        for (ProbeRows.EventCount c :
            rows.lastCounts(
                events.stream().map(EventKey::cluster).toArray(String[]::new),
                events.stream().map(EventKey::eventUid).toArray(String[]::new))) {
          lastCounts.put(new EventKey(c.cluster(), c.eventUid()), c.lastCount());
        }
      }
      if (!pods.isEmpty()) {
        pods.forEach(key -> counted.put(key, new HashSet<>()));
        for (ProbeRows.CountedTermination t :
            rows.countedTerminations(
                pods.stream().map(PodKey::cluster).toArray(String[]::new),
                pods.stream().map(PodKey::uid).toArray(String[]::new))) {
          counted
              .get(new PodKey(t.cluster(), t.podUid()))
              .add(new TerminationKey(t.cluster(), t.podUid(), t.container(), t.termination()));
        }
      }
    }

    /** Whether a stored restart of the container was explained by this termination. */
    private boolean terminationCounted(TerminationKey t) {
      Set<TerminationKey> stored = counted.get(new PodKey(t.cluster(), t.podUid()));
      return stored != null
          ? stored.contains(t)
          : rows.terminationCounted(t.cluster(), t.podUid(), t.container(), t.termination());
    }

    @Override
    public void apply(long factId, Fact fact, PodSnapshot before, PodSnapshot after) {
      PodRef pod = fact.pod();
      switch (fact) {
        case PodObserved f ->
            Stream.concat(f.spec().initContainers().stream(), f.spec().containers().stream())
                .forEach(
                    spec ->
                        configs.add(ProbeRows.ContainerConfig.of(pod.cluster(), pod.uid(), spec)));
        case EventObserved f -> countEvent(factId, f);
        case ContainerStateChanged f -> containerChanged(factId, f, before, after);
        case ConditionChanged f -> conditionChanged(factId, f, before, after);
        case PhaseChanged f when !"Running".equals(f.phase()) -> {
          // the same object version ended the phase: its Ready loss is the pod's end, not a flap —
          // whether that loss is still pending here or was stored by an earlier batch (a poll may
          // end
          // between two facts of one version)
          podFlaps.removeIf(
              flap ->
                  flap.podUid().equals(pod.uid())
                      && flap.cluster().equals(pod.cluster())
                      && Objects.equals(flap.resourceVersion(), f.resourceVersion()));
          if (f.resourceVersion() != null) {
            retractedFlaps.add(
                new ProbeRows.VersionRow(pod.cluster(), pod.uid(), f.resourceVersion()));
          }
        }
        default -> {}
      }
      notReadyTransitions(fact, before, after);
    }

    private void countEvent(long factId, EventObserved fact) {
      Optional<ProbeEventKind> kind = ProbeEventKind.of(fact.event());
      if (kind.isEmpty()) {
        return;
      }
      EventKey key = new EventKey(fact.pod().cluster(), fact.event().uid());
      int last =
          lastCounts.computeIfAbsent(key, k -> rows.lastCount(k.cluster(), k.eventUid()).orElse(0));
      int occurrences = fact.event().occurrences();
      if (occurrences <= last) {
        return;
      }
      lastCounts.put(key, occurrences);
      countsChanged.add(key);
      String container = ProbeEventKind.container(fact.event());
      events.add(
          new ProbeRows.ProbeEventRow(
              factId,
              fact.pod().cluster(),
              fact.pod().uid(),
              container == null ? POD : container,
              kind.get().column(),
              fact.event().uid(),
              fact.at(),
              occurrences - last));
    }

    private void containerChanged(
        long factId, ContainerStateChanged fact, PodSnapshot before, PodSnapshot after) {
      PodRef pod = fact.pod();
      ContainerStatus now = fact.container();
      ContainerStatus was = before.container(now.name()).orElse(null);
      int previousCount = was == null ? 0 : was.restartCount();
      if (now.restartCount() > previousCount) {
        // the run that ended shows as lastState.terminated, or (when the kubelet reported the exit
        // before the
        // restart, as in a crash loop) as the state seen before; either explains one restart only
        ContainerState.Terminated last =
            now.lastTerminated() != null
                ? now.lastTerminated()
                : was != null && was.state() instanceof ContainerState.Terminated t ? t : null;
        String termination = last == null ? null : terminationKey(last);
        TerminationKey terminationKey =
            new TerminationKey(pod.cluster(), pod.uid(), now.name(), termination);
        boolean terminationSeen =
            termination != null
                && usedTerminations.add(terminationKey)
                && !terminationCounted(terminationKey);
        // a jump of k shows at most the last termination: the runs before it ended unseen
        for (int n = previousCount + 1; n <= now.restartCount(); n++) {
          boolean observed = terminationSeen && n == now.restartCount();
          Instant at = observed && last.timestamp() != null ? last.timestamp() : fact.at();
          restarts.add(
              new ProbeRows.RestartRow(
                  pod.cluster(),
                  pod.uid(),
                  now.name(),
                  n,
                  observed,
                  observed ? termination : null,
                  observed ? last.reason() : null,
                  observed ? last.exitCode() : null,
                  observed ? last.startedAt() : null,
                  at,
                  factId));
        }
      }
      if (now.state() instanceof ContainerState.Running running && running.startedAt() != null) {
        runs.add(new ProbeRows.RunRow(pod.cluster(), pod.uid(), now.name(), running.startedAt()));
      }
      if (was != null
          && was.ready()
          && !now.ready()
          && stillServing(after)
          && now.state() instanceof ContainerState.Running) {
        flaps.add(
            new ProbeRows.FlapRow(
                factId, pod.cluster(), pod.uid(), "container", now.name(), fact.at()));
      }
    }

    private void conditionChanged(
        long factId, ConditionChanged fact, PodSnapshot before, PodSnapshot after) {
      String type = fact.condition().type();
      if (!type.equals("Ready") && !type.equals("ContainersReady")) {
        return;
      }
      boolean wasTrue = before.condition(type).map(c -> c.isTrue()).orElse(false);
      if (wasTrue
          && !fact.condition().isTrue()
          && "Running".equals(after.phase())
          && stillServing(after)) {
        PodRef pod = fact.pod();
        podFlaps.add(
            new PendingFlap(
                fact.resourceVersion(),
                new ProbeRows.FlapRow(factId, pod.cluster(), pod.uid(), type, POD, fact.at())));
      }
    }

    /** Opens or ends the not-ready intervals of the pod and its containers this fact changed. */
    private void notReadyTransitions(Fact fact, PodSnapshot before, PodSnapshot after) {
      PodRef pod = fact.pod();
      Set<String> names = new HashSet<>();
      before.containers().forEach(c -> names.add(c.name()));
      after.containers().forEach(c -> names.add(c.name()));
      transition(pod, POD, podNotReady(before), podNotReady(after), fact.at());
      for (String name : names) {
        transition(
            pod, name, containerNotReady(before, name), containerNotReady(after, name), fact.at());
      }
    }

    private void transition(PodRef pod, String container, boolean was, boolean is, Instant at) {
      if (was == is) {
        return;
      }
      IntervalKey key = new IntervalKey(pod.cluster(), pod.uid(), container);
      List<ProbeRows.NotReadyRow> mine = opened.computeIfAbsent(key, k -> new ArrayList<>());
      if (is) {
        mine.add(new ProbeRows.NotReadyRow(pod.cluster(), pod.uid(), container, at, null));
        return;
      }
      if (!mine.isEmpty() && mine.getLast().endedAt() == null) {
        ProbeRows.NotReadyRow open = mine.removeLast();
        Instant end = at.isBefore(open.startedAt()) ? open.startedAt() : at;
        if (end.isAfter(open.startedAt())) {
          mine.add(
              new ProbeRows.NotReadyRow(
                  open.cluster(), open.podUid(), container, open.startedAt(), end));
        }
      } else {
        closes.add(new ProbeRows.NotReadyRow(pod.cluster(), pod.uid(), container, null, at));
      }
    }

    @Override
    public void flush() {
      counted.clear(); // the restarts written below explain more terminations
      if (!configs.isEmpty()) {
        rows.upsertContainers(configs);
        configs.clear();
      }
      if (!countsChanged.isEmpty()) {
        rows.upsertCounts(
            countsChanged.stream()
                .map(k -> new ProbeRows.EventCount(k.cluster(), k.eventUid(), lastCounts.get(k)))
                .toList());
        countsChanged.clear();
      }
      // probe kills first: a restart's cause is decided from the kills stored when either of them
      // is written, so a
      // Killing Event before the restart (the insert sees it) and after it (the update finds the
      // restart) agree
      if (!events.isEmpty()) {
        rows.insertEvents(events);
        List<ProbeRows.ProbeEventRow> kills =
            events.stream().filter(e -> KILLS.contains(e.kind())).toList();
        if (!kills.isEmpty()) {
          rows.explainRestarts(kills, LOOKBACK_SECONDS, AFTER_END_SECONDS);
        }
        events.clear();
      }
      if (!restarts.isEmpty()) {
        rows.insertRestarts(restarts, LOOKBACK_SECONDS, AFTER_END_SECONDS);
        restarts.clear();
      }
      if (!retractedFlaps.isEmpty()) {
        rows.retractPodFlaps(retractedFlaps);
        retractedFlaps.clear();
      }
      podFlaps.forEach(flap -> flaps.add(flap.row()));
      podFlaps.clear();
      if (!flaps.isEmpty()) {
        rows.insertFlaps(flaps);
        flaps.clear();
      }
      if (!runs.isEmpty()) {
        rows.insertRuns(runs);
        runs.clear();
      }
      // earlier intervals end before the ones opened in this batch are written
      if (!closes.isEmpty()) {
        rows.closeNotReady(closes);
        // an interval that ends where it began is dropped, as one opened and ended in a batch is
        rows.dropEmptyNotReady(closes);
        closes.clear();
      }
      List<ProbeRows.NotReadyRow> inserts = opened.values().stream().flatMap(List::stream).toList();
      if (!inserts.isEmpty()) {
        rows.insertNotReady(inserts);
      }
      opened.clear();
    }
  }

  /** What identifies a termination: the runtime's containerID, else its finish (or start) time. */
  private static String terminationKey(ContainerState.Terminated t) {
    if (t.containerID() != null && !t.containerID().isBlank()) {
      return t.containerID();
    }
    Instant at = t.finishedAt() != null ? t.finishedAt() : t.startedAt();
    return at == null ? null : at.toString();
  }

  /** Serving: not being deleted (a shutdown's readiness loss is no probe problem). */
  private static boolean stillServing(PodSnapshot s) {
    return s.deletionTimestamp() == null && !s.deleted();
  }

  /** The pod is Running, not Ready and not shutting down. */
  static boolean podNotReady(PodSnapshot s) {
    return "Running".equals(s.phase())
        && stillServing(s)
        && !s.condition("Ready").map(c -> c.isTrue()).orElse(false);
  }

  /**
   * The container is running but not ready, the pod not shutting down; init containers have no
   * readiness.
   */
  static boolean containerNotReady(PodSnapshot s, String name) {
    if (!stillServing(s)) {
      return false;
    }
    return s.container(name)
        .filter(c -> c.kind() != ContainerKind.INIT)
        .map(c -> c.state() instanceof ContainerState.Running && !c.ready())
        .orElse(false);
  }
}
