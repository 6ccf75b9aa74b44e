package dev.podlife.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Computes the facts that lead from one {@link PodSnapshot} to the next; the inverse of {@link
 * PodSnapshot#apply}.
 *
 * <p>Each fact is timed by what the object records: a condition by its lastTransitionTime, a
 * running container by startedAt, a terminated one by finishedAt, a deletion by the request time
 * (deletionTimestamp − grace). Changes without a timestamp of their own (phase, readiness flips,
 * waiting reasons, spec) take the latest timestamp the status records, so offline analysis of a
 * captured object times them the same way as the live collector.
 */
public final class FactDiff {
  private FactDiff() {}

  /**
   * The facts between {@code previous} (null when the pod was not known) and {@code current}, in
   * the order a reader of the pod's history expects: spec, conditions, containers, phase, deletion.
   *
   * @param observedAt the collector's observation time, null offline
   */
  public static List<Fact> between(PodSnapshot previous, PodSnapshot current, Instant observedAt) {
    Objects.requireNonNull(current, "current");
    PodRef pod = current.pod();
    String rv = current.resourceVersion();
    Instant statusTime =
        firstNonNull(
            current.latestStatusTimestamp(), observedAt, current.createdAt(), Instant.EPOCH);
    List<Fact> facts = new ArrayList<>();

    if (previous == null
        || !Objects.equals(previous.pod(), current.pod())
        || !Objects.equals(previous.spec(), current.spec())
        || !Objects.equals(previous.node(), current.node())
        || !Objects.equals(previous.labels(), current.labels())
        || !Objects.equals(previous.createdAt(), current.createdAt())) {
      Instant at = previous == null ? firstNonNull(current.createdAt(), statusTime) : statusTime;
      facts.add(
          new PodObserved(
              pod,
              rv,
              at,
              observedAt,
              current.createdAt(),
              current.node(),
              current.spec(),
              current.labels()));
    }

    for (PodCondition condition : current.conditions()) {
      PodCondition before =
          previous == null ? null : previous.condition(condition.type()).orElse(null);
      if (!condition.equals(before)) {
        facts.add(
            new ConditionChanged(
                pod,
                rv,
                firstNonNull(condition.lastTransitionTime(), statusTime),
                observedAt,
                condition,
                before == null ? null : before.status()));
      }
    }

    if (previous != null) {
      for (PodCondition before : previous.conditions()) {
        if (current.condition(before.type()).isEmpty()) {
          // a removal carries no time of its own: the status's latest timestamp, as for other
          // untimed changes, but
          // never before the condition last changed (the object that lost it may record nothing
          // newer)
          Instant at =
              before.lastTransitionTime() != null && before.lastTransitionTime().isAfter(statusTime)
                  ? before.lastTransitionTime()
                  : statusTime;
          facts.add(new ConditionRemoved(pod, rv, at, observedAt, before));
        }
      }
    }

    for (ContainerStatus container : current.containers()) {
      ContainerStatus before =
          previous == null ? null : previous.container(container.name()).orElse(null);
      if (!container.equals(before)) {
        facts.add(
            new ContainerStateChanged(
                pod, rv, containerTime(before, container, statusTime), observedAt, container));
      }
    }

    if (previous == null
        || !Objects.equals(previous.phase(), current.phase())
        || !Objects.equals(previous.reason(), current.reason())
        || !Objects.equals(previous.message(), current.message())) {
      facts.add(
          new PhaseChanged(
              pod,
              rv,
              statusTime,
              observedAt,
              current.phase(),
              previous == null ? null : previous.phase(),
              current.reason(),
              current.message()));
    }

    if (current.deletionTimestamp() != null
        && (previous == null
            || !current.deletionTimestamp().equals(previous.deletionTimestamp()))) {
      facts.add(
          new DeletionRequested(
              pod,
              rv,
              DeletionRequested.requestedAt(
                  current.deletionTimestamp(), current.deletionGracePeriodSeconds()),
              observedAt,
              current.deletionTimestamp(),
              current.deletionGracePeriodSeconds()));
    }
    return List.copyOf(facts);
  }

  /**
   * The fact that the pod object is gone.
   *
   * @param last the last snapshot known of the pod
   * @param detectedOnRelist whether the delete was inferred from a relist rather than watched
   */
  public static PodDeleted deleted(PodSnapshot last, Instant observedAt, boolean detectedOnRelist) {
    Instant at =
        firstNonNull(
            observedAt, last.deletionTimestamp(), last.latestStatusTimestamp(), Instant.EPOCH);
    return new PodDeleted(last.pod(), last.resourceVersion(), at, observedAt, detectedOnRelist);
  }

  private static Instant containerTime(
      ContainerStatus before, ContainerStatus current, Instant statusTime) {
    boolean stateChanged = before == null || !Objects.equals(before.state(), current.state());
    if (stateChanged && current.state() != null && current.state().timestamp() != null) {
      return current.state().timestamp();
    }
    // Waiting after a crash (CrashLoopBackOff) begins when the last run finished.
    if (stateChanged
        && current.state() instanceof ContainerState.Waiting
        && current.lastTerminated() != null
        && current.lastTerminated().finishedAt() != null) {
      return current.lastTerminated().finishedAt();
    }
    return statusTime;
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... candidates) {
    for (T candidate : candidates) {
      if (candidate != null) {
        return candidate;
      }
    }
    return null;
  }
}
