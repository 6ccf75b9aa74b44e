package dev.podlife.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What podlife knows of one pod at one resourceVersion: the state that {@link Fact facts} describe
 * changes of.
 *
 * <p>The collector builds it from a Pod object and keeps the last one per pod to compute the next
 * facts; the analyzer rebuilds it by {@link #apply applying} facts in order. Conditions keep the
 * API server's order; containers are kept in the kubelet's order whatever the source: init and
 * sidecar containers first in spec order, then regular and ephemeral containers each sorted by name
 * (the kubelet sorts containerStatuses by name, and kubectl's STATUS lets the first one's reason
 * win).
 *
 * @param deletionTimestamp metadata.deletionTimestamp, null unless the pod is terminating
 * @param deletedAt when the pod object disappeared, null while it exists
 */
public record PodSnapshot(
    PodRef pod,
    String resourceVersion,
    Instant createdAt,
    String node,
    PodSpecSummary spec,
    Map<String, String> labels,
    String phase,
    String reason,
    String message,
    List<PodCondition> conditions,
    List<ContainerStatus> containers,
    Instant deletionTimestamp,
    Long deletionGracePeriodSeconds,
    Instant deletedAt) {

  public PodSnapshot {
    Objects.requireNonNull(pod, "pod");
    spec = spec == null ? PodSpecSummary.empty() : spec;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    containers = containers == null ? List.of() : ordered(containers, spec);
  }

  /**
   * A pod known only by reference, before any fact about its object arrived (e.g. an Event came
   * first).
   */
  public static PodSnapshot unknown(PodRef pod) {
    return new PodSnapshot(
        pod, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public Optional<PodCondition> condition(String type) {
    return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
  }

  public Optional<ContainerStatus> container(String name) {
    return containers.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public boolean deleted() {
    return deletedAt != null;
  }

  /**
   * The latest moment the status itself records (condition transitions, container starts and
   * finishes), or null. Used to time changes that carry no timestamp of their own, such as a phase
   * change.
   */
  public Instant latestStatusTimestamp() {
    return Stream.concat(
            conditions.stream().map(PodCondition::lastTransitionTime),
            containers.stream()
                .flatMap(
                    c ->
                        Stream.of(
                            c.state() == null ? null : c.state().timestamp(),
                            c.lastTerminated() == null ? null : c.lastTerminated().timestamp())))
        .filter(Objects::nonNull)
        .max(Comparator.naturalOrder())
        .orElse(createdAt);
  }

  /** The snapshot after {@code fact}; Events do not change it. */
  public PodSnapshot apply(Fact fact) {
    return switch (fact) {
      case PodObserved f ->
          new PodSnapshot(
              f.pod(),
              f.resourceVersion(),
              f.createdAt(),
              f.node(),
              f.spec(),
              f.labels(),
              phase,
              reason,
              message,
              conditions,
              containers,
              deletionTimestamp,
              deletionGracePeriodSeconds,
              deletedAt);
      case PhaseChanged f ->
          new PodSnapshot(
              pod,
              f.resourceVersion(),
              createdAt,
              node,
              spec,
              labels,
              f.phase(),
              f.reason(),
              f.message(),
              conditions,
              containers,
              deletionTimestamp,
              deletionGracePeriodSeconds,
              deletedAt);
      case ConditionChanged f ->
          new PodSnapshot(
              pod,
              f.resourceVersion(),
              createdAt,
              node,
              spec,
              labels,
              phase,
              reason,
              message,
              replace(conditions, f.condition(), PodCondition::type),
              containers,
              deletionTimestamp,
              deletionGracePeriodSeconds,
              deletedAt);
      case ConditionRemoved f ->
          new PodSnapshot(
              pod,
              f.resourceVersion(),
              createdAt,
              node,
              spec,
              labels,
              phase,
              reason,
              message,
              conditions.stream().filter(c -> !c.type().equals(f.last().type())).toList(),
              containers,
              deletionTimestamp,
              deletionGracePeriodSeconds,
              deletedAt);
      case ContainerStateChanged f ->
          new PodSnapshot(
              pod,
              f.resourceVersion(),
              createdAt,
              node,
              spec,
              labels,
              phase,
              reason,
              message,
              conditions,
              replace(containers, f.container(), ContainerStatus::name),
              deletionTimestamp,
              deletionGracePeriodSeconds,
              deletedAt);
      case DeletionRequested f ->
          new PodSnapshot(
              pod,
              f.resourceVersion(),
              createdAt,
              node,
              spec,
              labels,
              phase,
              reason,
              message,
              conditions,
              containers,
              f.deletionTimestamp(),
              f.gracePeriodSeconds(),
              deletedAt);
      case PodDeleted f ->
          new PodSnapshot(
              pod,
              f.resourceVersion(),
              createdAt,
              node,
              spec,
              labels,
              phase,
              reason,
              message,
              conditions,
              containers,
              deletionTimestamp,
              deletionGracePeriodSeconds,
              f.at());
      case EventObserved f -> this;
    };
  }

  private static <T> List<T> replace(
      List<T> items, T item, java.util.function.Function<T, String> name) {
    List<T> result = new ArrayList<>(items);
    String key = name.apply(item);
    for (int i = 0; i < result.size(); i++) {
      if (name.apply(result.get(i)).equals(key)) {
        result.set(i, item);
        return result;
      }
    }
    result.add(item);
    return result;
  }

  /**
   * Init and sidecar containers first in spec order (unknown names last), then regular, then
   * ephemeral by name.
   */
  private static List<ContainerStatus> ordered(
      List<ContainerStatus> containers, PodSpecSummary spec) {
    List<String> initOrder = spec.initContainers().stream().map(ContainerSpec::name).toList();
    return containers.stream()
        .sorted(
            Comparator.comparingInt((ContainerStatus c) -> rank(c.kind()))
                .thenComparingInt(
                    c -> {
                      int i = rank(c.kind()) == 0 ? initOrder.indexOf(c.name()) : 0;
                      return i < 0 ? Integer.MAX_VALUE : i;
                    })
                .thenComparing(ContainerStatus::name))
        .toList();
  }

  private static int rank(ContainerKind kind) {
    return switch (kind) {
      case INIT, SIDECAR -> 0;
      case REGULAR -> 1;
      case EPHEMERAL -> 2;
    };
  }
}
