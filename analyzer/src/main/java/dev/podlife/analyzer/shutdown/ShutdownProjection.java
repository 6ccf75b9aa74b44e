package dev.podlife.analyzer.shutdown;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jdbi.v3.core.Handle;

import dev.podlife.analyzer.metrics.LifecycleMetrics;
import dev.podlife.analyzer.store.FeatureProjection;
import dev.podlife.events.ContainerState;
import dev.podlife.events.DeletionRequested;
import dev.podlife.events.EventObserved;
import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;
import dev.podlife.events.PodRef;
import dev.podlife.events.PodSnapshot;
import dev.podlife.events.Workload;

/**
 * Keeps {@code shutdown_pod} and {@code shutdown_container}: from a pod's first DeletionRequested
 * on, every fact of the pod is folded into its {@link PodShutdown}; pods never deleted cost
 * nothing.
 */
public final class ShutdownProjection implements FeatureProjection {

  private final LifecycleMetrics metrics;

  /** Counts nothing on {@code /metrics}. */
  public ShutdownProjection() {
    this(LifecycleMetrics.none());
  }

  /** Counts the containers it finds killed after their pod's grace period. */
  public ShutdownProjection(LifecycleMetrics metrics) {
    this.metrics = java.util.Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public Batch begin(Handle handle) {
    return new ShutdownBatch(handle.attach(ShutdownRows.class), metrics.tally(handle));
  }

  @Override
  public void forget(Handle handle, String[] clusters, String[] uids) {
    handle.attach(ShutdownRows.class).forget(clusters, uids);
  }

  @Override
  public void truncate(Handle handle) {
    handle.attach(ShutdownRows.class).truncate();
  }

  /**
   * How long before the deletion request an Event that matters to the shutdown may be dated. Only
   * an Event occurring at or after the request counts ({@link PodShutdown}); an Event fact is dated
   * by its last occurrence, else by its creation (which an occurrence never precedes) or its
   * observation, so one that counts is dated at or after the request — the slack absorbs clock skew
   * between the kubelet and the API server.
   */
  static final Duration EARLIER_EVENTS_SLACK = Duration.ofHours(1);

  private record PodKey(String cluster, String uid) {}

  private static final class ShutdownBatch implements Batch {
    private final ShutdownRows rows;

    /**
     * Shutdowns read or changed since the last flush; an empty Optional is a pod known to have none
     * stored.
     */
    private final Map<PodKey, Optional<PodShutdown>> shutdowns = new HashMap<>();

    private final Set<PodKey> changed = new LinkedHashSet<>();
    private final LifecycleMetrics.Tally tally;

    ShutdownBatch(ShutdownRows rows, LifecycleMetrics.Tally tally) {
      this.rows = rows;
      this.tally = tally;
    }

    /** The Events before each deletion fact (by its id) that {@link #preload} read. */
    private final Map<Long, List<String>> earlierEvents = new HashMap<>();

    @Override
    public void preload(List<NewFact> facts) {
      Set<PodKey> wanted = new LinkedHashSet<>();
      for (NewFact f : facts) {
        PodKey key = new PodKey(f.fact().pod().cluster(), f.fact().pod().uid());
        if (!shutdowns.containsKey(key)) {
          wanted.add(key);
        }
      }
      if (!wanted.isEmpty()) {
        String[] clusters = wanted.stream().map(PodKey::cluster).toArray(String[]::new);
        String[] uids = wanted.stream().map(PodKey::uid).toArray(String[]::new);
        List<ShutdownRows.PodRow> stored = rows.pods(clusters, uids);
        Map<PodKey, List<ShutdownRows.ContainerRow>> containers = new HashMap<>();
        if (!stored.isEmpty()) {
          for (ShutdownRows.ContainerRow c :
              rows.containersOf(
                  stored.stream().map(ShutdownRows.PodRow::cluster).toArray(String[]::new),
                  stored.stream().map(ShutdownRows.PodRow::podUid).toArray(String[]::new))) {
            containers
                .computeIfAbsent(new PodKey(c.cluster(), c.podUid()), k -> new ArrayList<>())
                .add(c);
          }
        }
        wanted.forEach(key -> shutdowns.put(key, Optional.empty()));
        for (ShutdownRows.PodRow pod : stored) {
          PodKey key = new PodKey(pod.cluster(), pod.podUid());
          shutdowns.put(key, Optional.of(fromRows(pod, containers.getOrDefault(key, List.of()))));
        }
      }
      // the look-back of each deletion that may begin a shutdown (its pod has none stored)
      List<DeletionRequested> deletions = new ArrayList<>();
      List<Long> ids = new ArrayList<>();
      for (NewFact f : facts) {
        if (f.fact() instanceof DeletionRequested deletion
            && shutdowns
                .getOrDefault(
                    new PodKey(deletion.pod().cluster(), deletion.pod().uid()), Optional.empty())
                .isEmpty()) {
          deletions.add(deletion);
          ids.add(f.factId());
        }
      }
      if (deletions.isEmpty()) {
        return;
      }
      ids.forEach(id -> earlierEvents.put(id, new ArrayList<>()));
      for (ShutdownRows.EarlierEvent event :
          rows.earlierEventsOf(
              ids.toArray(Long[]::new),
              deletions.stream().map(d -> d.pod().cluster()).toArray(String[]::new),
              deletions.stream().map(d -> d.pod().uid()).toArray(String[]::new),
              deletions.stream()
                  .map(d -> d.requestedAt().minus(EARLIER_EVENTS_SLACK).toString())
                  .toArray(String[]::new))) {
        earlierEvents.get(event.beforeId()).add(event.payload());
      }
    }

    @Override
    public void apply(long factId, Fact fact, PodSnapshot before, PodSnapshot after) {
      if (after.deletionTimestamp() == null) {
        return; // no deletion requested yet: nothing here is a shutdown
      }
      PodKey key = new PodKey(fact.pod().cluster(), fact.pod().uid());
      PodShutdown current = shutdowns.computeIfAbsent(key, this::load).orElse(null);
      PodShutdown next;
      if (current == null && fact instanceof DeletionRequested deletion) {
        next = PodShutdown.begin(deletion, after);
        Instant since = deletion.requestedAt().minus(EARLIER_EVENTS_SLACK);
        List<String> earlier = earlierEvents.remove(factId);
        if (earlier == null) {
          earlier = rows.earlierEvents(key.cluster(), key.uid(), factId, since);
        }
        for (String payload : earlier) {
          if (FactSerde.fromJson(payload) instanceof EventObserved event) {
            next = next.apply(event, after);
          }
        }
      } else if (current == null) {
        return; // deleted before this projection existed; a rebuild picks it up
      } else {
        next = current.apply(fact, after);
      }
      if (!next.equals(current)) {
        countKilledAfterGrace(current, next);
        shutdowns.put(key, Optional.of(next));
        changed.add(key);
      }
    }

    /**
     * Each container once: when its stored verdict {@link #killedAfterGrace} first becomes true.
     */
    private void countKilledAfterGrace(PodShutdown current, PodShutdown next) {
      for (ContainerShutdown c : next.containers().values()) {
        if (!killedAfterGrace(next, c)) {
          continue;
        }
        ContainerShutdown before = current == null ? null : current.containers().get(c.name());
        if (before == null || !killedAfterGrace(current, before)) {
          tally.killedAfterGrace(next.pod());
        }
      }
    }

    @Override
    public void flush() {
      List<ShutdownRows.PodRow> pods = new ArrayList<>();
      List<ShutdownRows.ContainerRow> containers = new ArrayList<>();
      for (PodKey key : changed) {
        PodShutdown shutdown = shutdowns.get(key).orElseThrow();
        pods.add(podRow(shutdown));
        shutdown.containers().values().forEach(c -> containers.add(containerRow(shutdown, c)));
      }
      if (!pods.isEmpty()) {
        rows.upsertPods(pods);
      }
      if (!containers.isEmpty()) {
        rows.upsertContainers(containers);
      }
      // bounded memory on long replays: what was flushed is read back when needed
      changed.clear();
      shutdowns.clear();
      earlierEvents.clear();
    }

    private Optional<PodShutdown> load(PodKey key) {
      return rows.pod(key.cluster(), key.uid())
          .map(pod -> fromRows(pod, rows.containers(key.cluster(), key.uid())));
    }
  }

  static PodShutdown fromRows(ShutdownRows.PodRow pod, List<ShutdownRows.ContainerRow> containers) {
    Map<String, ContainerShutdown> byName = new LinkedHashMap<>();
    for (ShutdownRows.ContainerRow c : containers) {
      ContainerState.Terminated termination =
          c.exitCode() == null
              ? null
              : new ContainerState.Terminated(
                  c.reason(), c.exitCode(), null, null, c.finishedAt(), null, null);
      byName.put(
          c.container(),
          new ContainerShutdown(
              c.container(),
              c.position(),
              c.prestopConfigured(),
              c.prestopFailed(),
              c.killingAt(),
              termination));
    }
    Workload workload =
        pod.workloadKind() == null ? null : new Workload(pod.workloadKind(), pod.workloadName());
    return new PodShutdown(
        new PodRef(pod.cluster(), pod.podUid(), pod.namespace(), pod.podName(), workload),
        pod.deletionRequestedAt(),
        pod.deletionTimestamp(),
        pod.gracePeriodSeconds(),
        ShutdownCause.valueOf(pod.cause().toUpperCase(java.util.Locale.ROOT)),
        pod.gone(),
        pod.goneObservedAt(),
        byName);
  }

  private static ShutdownRows.PodRow podRow(PodShutdown s) {
    PodRef pod = s.pod();
    Duration gone = s.podGone();
    return new ShutdownRows.PodRow(
        pod.cluster(),
        pod.uid(),
        pod.namespace() == null ? "" : pod.namespace(),
        pod.name() == null ? "" : pod.name(),
        pod.workload() == null ? null : pod.workload().kind(),
        pod.workload() == null ? null : pod.workload().name(),
        s.deletionRequestedAt(),
        s.deletionTimestamp(),
        s.gracePeriodSeconds(),
        s.cause().label(),
        s.gone(),
        s.goneObservedAt(),
        gone == null ? null : gone.toMillis());
  }

  /**
   * The verdict stored as {@code shutdown_container.killed_after_grace}, and the one the
   * killed-after-grace counter counts: the outcome {@link ShutdownOutcome#KILLED_AFTER_GRACE}.
   */
  static boolean killedAfterGrace(PodShutdown s, ContainerShutdown c) {
    return s.outcome(c) == ShutdownOutcome.KILLED_AFTER_GRACE;
  }

  private static ShutdownRows.ContainerRow containerRow(PodShutdown s, ContainerShutdown c) {
    Duration toExit = c.toExit(s.deletionRequestedAt());
    ShutdownOutcome outcome = s.outcome(c);
    ContainerState.Terminated t = c.termination();
    return new ShutdownRows.ContainerRow(
        s.pod().cluster(),
        s.pod().uid(),
        c.name(),
        c.position(),
        c.preStopConfigured(),
        c.preStopFailed(),
        c.killingAt(),
        c.finishedAt(),
        t == null ? null : t.exitCode(),
        t == null ? null : t.reason(),
        toExit == null ? null : toExit.toMillis(),
        c.graceUsed(s.deletionRequestedAt(), s.gracePeriodSeconds()),
        outcome == null ? null : outcome.label(),
        killedAfterGrace(s, c));
  }
}
