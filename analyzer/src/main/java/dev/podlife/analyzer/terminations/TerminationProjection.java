package dev.podlife.analyzer.terminations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jdbi.v3.core.Handle;

import dev.podlife.analyzer.metrics.LifecycleMetrics;
import dev.podlife.analyzer.shutdown.Disruption;
import dev.podlife.analyzer.store.FactStoreException;
import dev.podlife.analyzer.store.FeatureProjection;
import dev.podlife.events.ConditionChanged;
import dev.podlife.events.ConditionRemoved;
import dev.podlife.events.ContainerKind;
import dev.podlife.events.ContainerState;
import dev.podlife.events.ContainerStateChanged;
import dev.podlife.events.ContainerStatus;
import dev.podlife.events.DeletionRequested;
import dev.podlife.events.EventObserved;
import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;
import dev.podlife.events.PhaseChanged;
import dev.podlife.events.PodDeleted;
import dev.podlife.events.PodObserved;
import dev.podlife.events.PodRef;
import dev.podlife.events.PodSnapshot;
import dev.podlife.events.UnreadableFactException;
import dev.podlife.events.Workload;

/**
 * Keeps every abnormal termination and every CrashLoopBackOff episode.
 *
 * <p>A container termination is any finished run in {@code state.terminated} or {@code
 * lastState.terminated}, except a clean one: exit code 0 (reason Completed or none) of an init
 * container, of a pod whose containers are not restarted (restartPolicy Never or OnFailure), or of
 * a pod that is done or being deleted; a sidecar's exit 0 or 143 once the main containers had all
 * terminated (the kubelet stopping it at the pod's end). A pod termination is the pod itself
 * failing with a reason (Evicted, DeadlineExceeded, NodeLost…) or being preempted (the
 * DisruptionTarget condition with reason PreemptionByScheduler, or a Preempted Event). Each
 * termination carries the {@link Disruption} that caused it: the DisruptionTarget condition True at
 * or before the exit.
 */
public final class TerminationProjection implements FeatureProjection {
  /**
   * The kubelet resets a container's back-off once it has run 10 minutes (twice the 5-minute cap).
   */
  static final Duration BACK_OFF_RESET = Duration.ofMinutes(10);

  private static final Pattern BACK_OFF =
      Pattern.compile("(?i)back-off ((?:\\d+h)?(?:\\d+m)?(?:\\d+(?:\\.\\d+)?s)?)");
  private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)([hms])");

  private final LifecycleMetrics metrics;

  /** Counts nothing on {@code /metrics}. */
  public TerminationProjection() {
    this(LifecycleMetrics.none());
  }

  /** Counts the terminations and CrashLoopBackOff episodes it stores for the first time. */
  public TerminationProjection(LifecycleMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public Batch begin(Handle handle) {
    return new TerminationBatch(handle.attach(TerminationRows.class), metrics.tally(handle));
  }

  @Override
  public void forget(Handle handle, String[] clusters, String[] uids) {
    TerminationRows rows = handle.attach(TerminationRows.class);
    rows.forgetTerminations(clusters, uids);
    rows.forgetCrashLoops(clusters, uids);
  }

  @Override
  public void truncate(Handle handle) {
    handle.attach(TerminationRows.class).truncate();
  }

  private record PodKey(String cluster, String uid) {}

  private record Identity(
      String cluster, String uid, String container, String runKey, String finishKey) {}

  /** A CrashLoopBackOff episode being followed. */
  private static final class Episode {
    Long id;
    final String container;
    final String containerKind;
    final Instant startedAt;
    Instant endedAt;
    String endReason;
    final int restartsAtStart;
    int restartsAtEnd;
    Integer maxBackOffSeconds;

    Episode(
        Long id, String container, String containerKind, Instant startedAt, int restartsAtStart) {
      this.id = id;
      this.container = container;
      this.containerKind = containerKind;
      this.startedAt = startedAt;
      this.restartsAtStart = restartsAtStart;
      this.restartsAtEnd = restartsAtStart;
    }

    void backOff(Integer seconds) {
      if (seconds != null && (maxBackOffSeconds == null || seconds > maxBackOffSeconds)) {
        maxBackOffSeconds = seconds;
      }
    }
  }

  /**
   * The episodes of one pod touched in this batch: the open one per container, and those ended
   * here.
   */
  private static final class PodEpisodes {
    PodSnapshot pod;
    final Map<String, Episode> open = new HashMap<>();
    final List<Episode> touched = new ArrayList<>();
  }

  /**
   * A termination found in a fact, judged (clean? during deletion?) against the pod object version
   * it came from as a whole: the collector splits one Pod update into facts, containers before
   * phase and deletion.
   */
  private record Found(
      long factId,
      Fact fact,
      ContainerStatus container,
      ContainerState.Terminated run,
      String podReason,
      String podMessage) {}

  /**
   * The terminations found in the facts of one pod object version, and the snapshot after its last
   * fact.
   */
  private static final class Version {
    String resourceVersion;
    PodSnapshot after;
    final List<Found> found = new ArrayList<>();
  }

  private static final class TerminationBatch implements Batch {
    private final TerminationRows rows;
    private final LifecycleMetrics.Tally tally;
    private final List<TerminationRows.TerminationRow> terminations = new ArrayList<>();
    private final Map<PodKey, Version> versions = new LinkedHashMap<>();
    private final Set<Identity> seen = new HashSet<>();

    /**
     * Rows taken back by {@link #resume} to be judged again, by identity: their ids, and counted
     * when first stored.
     */
    private final Map<Identity, Long> retaken = new HashMap<>();

    private final Map<PodKey, PodEpisodes> episodes = new LinkedHashMap<>();
    private final List<TerminationRows.LateDisruption> lateDisruptions = new ArrayList<>();

    /** The open episodes {@link #preload} read, by pod, until the next flush. */
    private final Map<PodKey, List<TerminationRows.EpisodeRow>> preloaded = new HashMap<>();

    TerminationBatch(TerminationRows rows, LifecycleMetrics.Tally tally) {
      this.rows = rows;
      this.tally = tally;
    }

    @Override
    public void preload(List<NewFact> facts) {
      Set<PodKey> wanted = new LinkedHashSet<>();
      for (NewFact f : facts) {
        PodKey key = new PodKey(f.fact().pod().cluster(), f.fact().pod().uid());
        if (!episodes.containsKey(key) && !preloaded.containsKey(key)) {
          wanted.add(key);
        }
      }
      if (wanted.isEmpty()) {
        return;
      }
      wanted.forEach(key -> preloaded.put(key, new ArrayList<>()));
      for (TerminationRows.EpisodeRow row :
          rows.openEpisodesOf(
              wanted.stream().map(PodKey::cluster).toArray(String[]::new),
              wanted.stream().map(PodKey::uid).toArray(String[]::new))) {
        preloaded.get(new PodKey(row.cluster(), row.podUid())).add(row);
      }
    }

    @Override
    public void apply(long factId, Fact fact, PodSnapshot before, PodSnapshot after) {
      Version version = version(factId, fact, before, after);
      find(factId, fact, version.found);
      switch (fact) {
        case ContainerStateChanged f -> crashLoop(f, after, f.container());
        case PhaseChanged f -> {
          if ("Succeeded".equals(f.phase()) || "Failed".equals(f.phase())) {
            endEpisodes(after, f.at(), "PodFinished");
          }
        }
        case ConditionChanged f -> {
          if ("DisruptionTarget".equals(f.condition().type()) && f.condition().isTrue()) {
            lateDisruption(after, f);
          }
        }
        case EventObserved f -> {
          String reason = f.event().reason();
          if ("BackOff".equals(reason) && f.event().containerName() != null) {
            PodEpisodes pod = episodesOf(after);
            Episode open = pod.open.get(f.event().containerName());
            if (open != null) {
              open.backOff(backOffSeconds(f.event().message()));
              touch(pod, open);
            }
          }
        }
        case DeletionRequested f -> endEpisodes(after, f.requestedAt(), "PodDeletionRequested");
        case PodDeleted f -> endEpisodes(after, f.at(), "PodDeleted");
        case PodObserved f -> {}
        case ConditionRemoved f -> {}
      }
    }

    /** The terminations {@code fact} shows, to be judged once its pod object version is whole. */
    private static void find(long factId, Fact fact, List<Found> found) {
      switch (fact) {
        case ContainerStateChanged f -> {
          ContainerStatus c = f.container();
          if (c.lastTerminated() != null) {
            found.add(new Found(factId, f, c, c.lastTerminated(), null, null));
          }
          if (c.state() instanceof ContainerState.Terminated t) {
            found.add(new Found(factId, f, c, t, null, null));
          }
        }
        case PhaseChanged f -> {
          if ("Failed".equals(f.phase()) && f.reason() != null && !f.reason().isBlank()) {
            found.add(new Found(factId, f, null, null, f.reason(), f.message()));
          }
        }
        case ConditionChanged f -> {
          if ("DisruptionTarget".equals(f.condition().type())
              && f.condition().isTrue()
              && "PreemptionByScheduler".equals(f.condition().reason())) {
            found.add(new Found(factId, f, null, null, "Preempted", f.condition().message()));
          }
        }
        case EventObserved f -> {
          if ("Preempted".equals(f.event().reason())) {
            found.add(new Found(factId, f, null, null, "Preempted", f.event().message()));
          }
        }
        default -> {}
      }
    }

    /**
     * The API server may show the DisruptionTarget condition only in a pod version after the one
     * with the exit it caused (the kubelet and the controller write status separately): such exits,
     * stored without a disruption, take it now, if it had begun by their exit — the same rule as
     * {@link Disruption#at}.
     */
    private void lateDisruption(PodSnapshot after, ConditionChanged f) {
      Disruption.of(after)
          .ifPresent(
              d ->
                  lateDisruptions.add(
                      new TerminationRows.LateDisruption(
                          after.pod().cluster(),
                          after.pod().uid(),
                          d.label(),
                          f.condition().lastTransitionTime() != null
                              ? f.condition().lastTransitionTime()
                              : f.at())));
    }

    /**
     * The version {@code fact} belongs to; a fact of the pod object with another resourceVersion
     * settles the one before. Events and the deletion carry no pod object version: they join the
     * current one, and see its last snapshot.
     */
    private Version version(long factId, Fact fact, PodSnapshot before, PodSnapshot after) {
      PodKey key = new PodKey(after.pod().cluster(), after.pod().uid());
      Version version = versions.get(key);
      boolean fromPodObject = !(fact instanceof EventObserved) && !(fact instanceof PodDeleted);
      if (version != null
          && fromPodObject
          && !Objects.equals(version.resourceVersion, fact.resourceVersion())) {
        settle(version);
        version = null;
      }
      if (version == null) {
        version = new Version();
        version.resourceVersion = fromPodObject ? fact.resourceVersion() : after.resourceVersion();
        versions.put(key, version);
        if (fromPodObject
            && fact.resourceVersion() != null
            && fact.resourceVersion().equals(before.resourceVersion())) {
          resume(key, version, factId);
        }
      }
      version.after = after;
      return version;
    }

    /**
     * This pod object version's first facts were stored by an earlier transaction (a poll, or a
     * rebuild's chunk, ended inside it), which judged their terminations on part of the version —
     * without the phase or deletion that follow the containers. Takes them back to judge them on
     * the whole version, so that the rows do not depend on where batches end (two analyzers of one
     * group, a rebalance, a rebuild all cut elsewhere).
     */
    private void resume(PodKey key, Version version, long beforeFactId) {
      List<Found> earlier = new ArrayList<>();
      for (TerminationRows.StoredFact stored :
          rows.factsOfVersion(key.cluster(), key.uid(), version.resourceVersion, beforeFactId)) {
        find(stored.id(), readStored(stored), earlier);
      }
      if (earlier.isEmpty()) {
        return;
      }
      long[] factIds = earlier.stream().mapToLong(Found::factId).distinct().toArray();
      for (TerminationRows.StoredIdentity taken :
          rows.takeTerminations(key.cluster(), key.uid(), factIds)) {
        // stored and counted once already: stored again under its id, not a new termination
        retaken.put(
            new Identity(
                key.cluster(), key.uid(), taken.container(), taken.runKey(), taken.finishKey()),
            taken.id());
      }
      version.found.addAll(earlier);
    }

    private static Fact readStored(TerminationRows.StoredFact stored) {
      try {
        return FactSerde.fromJson(stored.payload());
      } catch (UnreadableFactException e) {
        throw new FactStoreException(
            "Stored fact " + stored.id() + " is unreadable by this build: " + e.getMessage(), e);
      }
    }

    private void settle(Version version) {
      for (Found found : version.found) {
        if (found.container() != null) {
          container(found.factId(), found.fact(), version.after, found.container(), found.run());
        } else {
          pod(found.factId(), found.fact(), version.after, found.podReason(), found.podMessage());
        }
      }
      version.found.clear();
    }

    private void container(
        long factId, Fact fact, PodSnapshot pod, ContainerStatus c, ContainerState.Terminated t) {
      if (clean(pod, c, t)) {
        return;
      }
      String runKey = t.startedAt() != null ? t.startedAt().toString() : nonNull(t.containerID());
      String finishKey = t.finishedAt() != null ? t.finishedAt().toString() : "";
      PodRef ref = pod.pod();
      Identity identity = new Identity(ref.cluster(), ref.uid(), c.name(), runKey, finishKey);
      if (!seen.add(identity)) {
        return;
      }
      Integer signal = Signals.of(t);
      // the restarts before this run: lastState is the run before the current one, whose restart is
      // already counted
      int restartCount =
          t == c.lastTerminated() ? Math.max(0, c.restartCount() - 1) : c.restartCount();
      terminations.add(
          new TerminationRows.TerminationRow(
              retaken.get(identity),
              ref.cluster(),
              ref.uid(),
              nonNull(ref.namespace()),
              nonNull(ref.name()),
              ref.workload() == null ? null : ref.workload().kind(),
              ref.workload() == null ? null : ref.workload().name(),
              pod.node(),
              c.name(),
              c.kind().name(),
              reason(t),
              t.exitCode(),
              signal,
              Signals.name(signal),
              // a run that never started (StartError) reports the zero time as its start
              Instant.EPOCH.equals(t.startedAt()) ? null : t.startedAt(),
              t.finishedAt(),
              t.finishedAt() != null ? t.finishedAt() : fact.at(),
              t.message(),
              restartCount,
              t.containerID(),
              deletingBefore(pod, t, fact.at()),
              Disruption.at(pod, t.finishedAt() != null ? t.finishedAt() : fact.at())
                  .map(Disruption::label)
                  .orElse(null),
              runKey,
              finishKey,
              factId));
    }

    private void pod(long factId, Fact fact, PodSnapshot pod, String reason, String message) {
      PodRef ref = pod.pod();
      Identity identity = new Identity(ref.cluster(), ref.uid(), "", "", reason);
      if (!seen.add(identity)) {
        return;
      }
      int restarts = pod.containers().stream().mapToInt(ContainerStatus::restartCount).sum();
      terminations.add(
          new TerminationRows.TerminationRow(
              retaken.get(identity),
              ref.cluster(),
              ref.uid(),
              nonNull(ref.namespace()),
              nonNull(ref.name()),
              ref.workload() == null ? null : ref.workload().kind(),
              ref.workload() == null ? null : ref.workload().name(),
              pod.node(),
              "",
              null,
              reason,
              null,
              null,
              null,
              null,
              null,
              fact.at(),
              message,
              restarts,
              null,
              pod.deletionTimestamp() != null,
              Disruption.of(pod).map(Disruption::label).orElse(null),
              "",
              reason,
              factId));
    }

    private void crashLoop(ContainerStateChanged fact, PodSnapshot after, ContainerStatus c) {
      PodEpisodes pod = episodesOf(after);
      Episode open = pod.open.get(c.name());
      // a run that lasted the back-off reset ended the loop when it started, whatever came after it
      Instant stableSince = stableRunStart(c, fact.at());
      if (open != null && stableSince != null && !stableSince.isBefore(open.startedAt)) {
        end(pod, open, stableSince, "RanStable");
        open = null;
      }
      if (c.state() instanceof ContainerState.Waiting w && "CrashLoopBackOff".equals(w.reason())) {
        if (open == null) {
          open = new Episode(null, c.name(), c.kind().name(), fact.at(), c.restartCount());
          pod.open.put(c.name(), open);
        }
        open.restartsAtEnd = Math.max(open.restartsAtEnd, c.restartCount());
        open.backOff(backOffSeconds(w.message()));
        touch(pod, open);
      } else if (open != null) {
        open.restartsAtEnd = Math.max(open.restartsAtEnd, c.restartCount());
        touch(pod, open);
      }
    }

    /** The start of a run that lasted {@link #BACK_OFF_RESET}, as this status shows it, or null. */
    private static Instant stableRunStart(ContainerStatus c, Instant now) {
      if (c.state() instanceof ContainerState.Running r && r.startedAt() != null) {
        return !r.startedAt().plus(BACK_OFF_RESET).isAfter(now) ? r.startedAt() : null;
      }
      ContainerState.Terminated t =
          c.state() instanceof ContainerState.Terminated current ? current : c.lastTerminated();
      if (t != null
          && t.startedAt() != null
          && t.finishedAt() != null
          && !t.startedAt().plus(BACK_OFF_RESET).isAfter(t.finishedAt())) {
        return t.startedAt();
      }
      return null;
    }

    private void endEpisodes(PodSnapshot after, Instant at, String reason) {
      PodEpisodes pod = episodesOf(after);
      for (Episode open : List.copyOf(pod.open.values())) {
        end(pod, open, at, reason);
      }
    }

    private static void end(PodEpisodes pod, Episode open, Instant at, String reason) {
      open.endedAt = at.isBefore(open.startedAt) ? open.startedAt : at;
      open.endReason = reason;
      pod.open.remove(open.container);
      touch(pod, open);
    }

    private static void touch(PodEpisodes pod, Episode episode) {
      if (!pod.touched.contains(episode)) {
        pod.touched.add(episode);
      }
    }

    private PodEpisodes episodesOf(PodSnapshot after) {
      PodRef ref = after.pod();
      PodEpisodes pod =
          episodes.computeIfAbsent(
              new PodKey(ref.cluster(), ref.uid()),
              key -> {
                PodEpisodes loaded = new PodEpisodes();
                List<TerminationRows.EpisodeRow> open = preloaded.remove(key);
                if (open == null) {
                  open = rows.openEpisodes(key.cluster(), key.uid());
                }
                for (TerminationRows.EpisodeRow row : open) {
                  Episode e =
                      new Episode(
                          row.id(),
                          row.container(),
                          row.containerKind(),
                          row.startedAt(),
                          row.restartsAtStart());
                  e.restartsAtEnd = row.restartsAtEnd();
                  e.maxBackOffSeconds = row.maxBackOffSeconds();
                  loaded.open.put(e.container, e);
                }
                return loaded;
              });
      pod.pod = after;
      return pod;
    }

    @Override
    public void flush() {
      versions.values().forEach(this::settle);
      versions.clear();
      if (!terminations.isEmpty()) {
        int[] stored = rows.insertTerminations(terminations);
        for (int i = 0; i < stored.length; i++) {
          TerminationRows.TerminationRow t = terminations.get(i);
          // neither a conflict with a row stored before nor a row taken back to be judged again
          if (stored[i] > 0 && t.id() == null) {
            Workload workload =
                t.workloadKind() == null ? null : new Workload(t.workloadKind(), t.workloadName());
            tally.termination(
                new PodRef(t.cluster(), t.podUid(), t.namespace(), t.podName(), workload),
                t.reason());
          }
        }
        terminations.clear();
      }
      if (!lateDisruptions.isEmpty()) {
        rows.setLateDisruptions(lateDisruptions);
        lateDisruptions.clear();
      }
      List<TerminationRows.EpisodeRow> changed = new ArrayList<>();
      for (PodEpisodes pod : episodes.values()) {
        PodRef ref = pod.pod.pod();
        for (Episode e : pod.touched) {
          if (e.id == null) { // not loaded from the table: it began in this batch
            tally.crashLoop(ref);
          }
          changed.add(
              new TerminationRows.EpisodeRow(
                  e.id,
                  ref.cluster(),
                  ref.uid(),
                  nonNull(ref.namespace()),
                  nonNull(ref.name()),
                  ref.workload() == null ? null : ref.workload().kind(),
                  ref.workload() == null ? null : ref.workload().name(),
                  pod.pod.node(),
                  e.container,
                  e.containerKind,
                  e.startedAt,
                  e.endedAt,
                  e.endReason,
                  e.restartsAtStart,
                  e.restartsAtEnd,
                  e.maxBackOffSeconds,
                  CrashLoops.capReached(e.maxBackOffSeconds)));
        }
      }
      if (!changed.isEmpty()) {
        rows.upsertEpisodes(changed);
      }
      // the next flush reloads what it needs: bounded memory on long replays
      episodes.clear();
      preloaded.clear();
      seen.clear();
      retaken.clear();
    }
  }

  /**
   * Exit 0 is clean where no restart follows it: init containers, pods that do not restart, pods
   * done or deleting.
   */
  static boolean clean(PodSnapshot pod, ContainerStatus c, ContainerState.Terminated t) {
    if (c.kind() == ContainerKind.SIDECAR && stoppedAfterTheMainContainers(pod, t)) {
      return true;
    }
    if (t.exitCode() != 0 || !(t.reason() == null || "Completed".equals(t.reason()))) {
      return false;
    }
    String restartPolicy = pod.spec().restartPolicy();
    return c.kind() == ContainerKind.INIT
        || "Never".equals(restartPolicy)
        || "OnFailure".equals(restartPolicy)
        || "Succeeded".equals(pod.phase())
        || pod.deletionTimestamp() != null;
  }

  /**
   * A sidecar that exited 0 or 143 (on the kubelet's SIGTERM) once every regular container had
   * terminated: at a Job's end the kubelet stops the sidecars after the main containers, in reverse
   * order (KEP-753), so that exit is the pod's end, not the sidecar failing.
   */
  private static boolean stoppedAfterTheMainContainers(
      PodSnapshot pod, ContainerState.Terminated t) {
    if ((t.exitCode() != 0 && t.exitCode() != 143) || t.finishedAt() == null) {
      return false;
    }
    List<ContainerStatus> regular =
        pod.containers().stream().filter(c -> c.kind() == ContainerKind.REGULAR).toList();
    return !regular.isEmpty()
        && regular.stream()
            .allMatch(
                c ->
                    c.state() instanceof ContainerState.Terminated main
                        && main.finishedAt() != null
                        && !main.finishedAt().isAfter(t.finishedAt()));
  }

  /**
   * The kubelet leaves the reason out of some terminations (a bare exit code or signal): name them
   * as kubectl would.
   */
  private static String reason(ContainerState.Terminated t) {
    if (t.reason() != null && !t.reason().isBlank()) {
      return t.reason();
    }
    return t.exitCode() == 0 ? "Completed" : "Error";
  }

  /**
   * Whether the pod's deletion was requested before the run finished (an exit during its grace
   * period).
   */
  private static boolean deletingBefore(
      PodSnapshot pod, ContainerState.Terminated t, Instant fallback) {
    if (pod.deletionTimestamp() == null) {
      return false;
    }
    Instant requested =
        DeletionRequested.requestedAt(pod.deletionTimestamp(), pod.deletionGracePeriodSeconds());
    Instant finished = t.finishedAt() != null ? t.finishedAt() : fallback;
    return !finished.isBefore(requested);
  }

  /**
   * The back-off a kubelet message announces ({@code back-off 2m40s restarting failed container…}),
   * in seconds.
   */
  static Integer backOffSeconds(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = BACK_OFF.matcher(message);
    if (!m.find() || m.group(1).isEmpty()) {
      return null;
    }
    double seconds = 0;
    Matcher part = GO_DURATION_PART.matcher(m.group(1));
    while (part.find()) {
      double n = Double.parseDouble(part.group(1));
      seconds +=
          switch (part.group(2)) {
            case "h" -> n * 3600;
            case "m" -> n * 60;
            default -> n;
          };
    }
    return (int) Math.round(seconds);
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
