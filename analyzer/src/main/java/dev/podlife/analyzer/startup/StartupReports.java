package dev.podlife.analyzer.startup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.podlife.events.FactSerde;
import dev.podlife.events.Workload;
import tools.jackson.core.type.TypeReference;

/**
 * The read side of the {@code pod_startup} projection: statistics per group and transition, SLO
 * compliance per cluster-day (over the pods the projection marked {@code slo_eligible}), and one
 * pod's stages. The report reads its pods in one scan (see {@link StartupSample}) and selects the
 * percentiles here, exactly as {@code percentile_disc} would; the SLO's aggregates are computed by
 * PostgreSQL. Read by the REST API, the CLI and the benchmark; its records are what they serialize.
 */
public final class StartupReports {
  /** The Kubernetes pod startup SLO: p99 of the SLI ≤ 5 s per cluster-day. */
  public static final long DEFAULT_SLO_THRESHOLD_MS = 5_000;

  private final Jdbi jdbi;
  private final Clock clock;
  private final int readers;

  /** Two connections read a large report: the machine podlife is measured on has two cores. */
  public static final int DEFAULT_READERS = 2;

  public StartupReports(Jdbi jdbi, Clock clock) {
    this(jdbi, clock, DEFAULT_READERS);
  }

  /**
   * @param readers how many connections read a large report's pods at once (each a range of the
   *     table's pages, in one snapshot); 1 reads them on one
   */
  public StartupReports(Jdbi jdbi, Clock clock, int readers) {
    if (readers < 1) {
      throw new IllegalArgumentException("readers must be at least 1: " + readers);
    }
    this.jdbi = jdbi;
    this.clock = clock;
    this.readers = readers;
    jdbi.installPlugin(new SqlObjectPlugin());
  }

  /** The statistics of the pods {@code filter} selects, per cluster and group. */
  @JsonPropertyOrder({"groupBy", "from", "to", "groups"})
  public record Report(String groupBy, Instant from, Instant to, List<Group> groups) {}

  /**
   * One group: how many pods were created, how many started, why the others did not, and each
   * transition's statistics (a transition no pod of the group has both ends of is absent).
   */
  @JsonPropertyOrder({"cluster", "group", "pods", "started", "notStarted", "transitions"})
  public record Group(
      String cluster,
      String group,
      long pods,
      long started,
      Map<String, Long> notStarted,
      Map<String, Transition> transitions) {}

  public Report report(StartupFilter filter, Grouping grouping) {
    List<Group> groups = new ArrayList<>();
    for (GroupStatistics g : StartupSample.groups(jdbi, filter, grouping, readers)) {
      groups.add(
          new Group(
              g.cluster, g.groupKey, g.pods, g.started, g.notStarted, g.transitionStatistics()));
    }
    return new Report(grouping.parameterValue(), filter.from(), filter.to(), List.copyOf(groups));
  }

  /** SLO compliance per cluster-day (UTC day of creation). */
  @JsonPropertyOrder({"from", "to", "thresholdMs", "days"})
  public record SloReport(Instant from, Instant to, long thresholdMs, List<SloDay> days) {}

  /**
   * @param pods the pods the SLO counts that day (slo_eligible: started, stateless, schedulable,
   *     with an SLI)
   */
  @JsonPropertyOrder({"cluster", "day", "pods", "p99Ms", "maxMs", "thresholdMs", "pass", "worst"})
  public record SloDay(
      String cluster,
      String day,
      long pods,
      long p99Ms,
      long maxMs,
      long thresholdMs,
      boolean pass,
      List<SlowPod> worst) {}

  /**
   * One of the slowest pods of a day: its SLI and where the time from creation to observed running
   * went.
   *
   * @param dominantStage the largest of the SLI's parts: scheduling, container_start or watch
   * @param stages scheduling, init, image_pull, container_start (schedule to running minus init and
   *     image pulls) and watch (running to observed), in ms (null when unknown)
   */
  @JsonPropertyOrder({"namespace", "name", "uid", "sliMs", "dominantStage", "stages"})
  public record SlowPod(
      String namespace,
      String name,
      String uid,
      long sliMs,
      String dominantStage,
      Map<String, Long> stages) {}

  public SloReport slo(StartupFilter filter, long thresholdMs, int worst) {
    String where = filter.whereClause();
    return jdbi.withExtension(
        StartupQueries.class,
        q -> {
          Map<List<String>, List<SlowPod>> slowest = new LinkedHashMap<>();
          for (StartupQueries.WorstPod p : q.sloWorst(where, filter, worst)) {
            Map<String, Long> stages = new LinkedHashMap<>();
            stages.put("scheduling", p.schedulingMs());
            stages.put("init", p.initMs());
            stages.put("image_pull", p.imagePullMs());
            stages.put("container_start", p.containerStartMs());
            stages.put("watch", p.watchMs());
            slowest
                .computeIfAbsent(List.of(p.cluster(), p.day()), k -> new ArrayList<>())
                .add(
                    new SlowPod(
                        p.namespace(), p.name(), p.uid(), p.sliMs(), dominant(stages), stages));
          }
          List<SloDay> days =
              q.sloDays(where, filter).stream()
                  .map(
                      d ->
                          new SloDay(
                              d.cluster(),
                              d.day(),
                              d.pods(),
                              d.p99Ms(),
                              d.maxMs(),
                              thresholdMs,
                              d.p99Ms() <= thresholdMs,
                              slowest.getOrDefault(List.of(d.cluster(), d.day()), List.of())))
                  .toList();
          return new SloReport(filter.from(), filter.to(), thresholdMs, days);
        });
  }

  /**
   * The SLI's parts: image pulls and init containers are shown but not part of it, so they cannot
   * dominate it.
   */
  private static final List<String> SLI_STAGES = List.of("scheduling", "container_start", "watch");

  private static String dominant(Map<String, Long> stages) {
    return stages.entrySet().stream()
        .filter(e -> e.getValue() != null && SLI_STAGES.contains(e.getKey()))
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  /**
   * One pod's first start.
   *
   * @param transitions each transition's latency in ms; absent when an end is unknown
   * @param waitingMs for a pod that never started: from creation to now, or to its deletion
   */
  @JsonPropertyOrder({
    "cluster",
    "namespace",
    "name",
    "uid",
    "workload",
    "node",
    "created",
    "scheduled",
    "scheduledFrom",
    "initialized",
    "running",
    "ready",
    "watched",
    "imagePullMs",
    "imagePulls",
    "initMs",
    "stateless",
    "started",
    "waitingReason",
    "waitingSince",
    "waitingMs",
    "transitions"
  })
  public record PodStartup(
      String cluster,
      String namespace,
      String name,
      String uid,
      Workload workload,
      String node,
      Instant created,
      Instant scheduled,
      String scheduledFrom,
      Instant initialized,
      Instant running,
      Instant ready,
      Instant watched,
      Long imagePullMs,
      Map<String, Long> imagePulls,
      Long initMs,
      Boolean stateless,
      boolean started,
      String waitingReason,
      Instant waitingSince,
      Long waitingMs,
      Map<String, Long> transitions) {}

  /** The pods {@code filter} selects, in (namespace, name, uid) order. */
  public List<PodStartup> pods(StartupFilter filter) {
    return jdbi
        .withExtension(StartupQueries.class, q -> q.pods(filter.whereClause(), filter))
        .stream()
        .map(this::pod)
        .toList();
  }

  public Optional<PodStartup> pod(String cluster, String uid) {
    return jdbi.withExtension(StartupQueries.class, q -> q.pod(cluster, uid)).stream()
        .findFirst()
        .map(this::pod);
  }

  /** The clusters in which a pod with this UID has a startup row. */
  public List<String> clustersOf(String uid) {
    return jdbi.withExtension(StartupQueries.class, q -> q.clustersOf(uid));
  }

  /**
   * The init share per workload of the given pods of {@code cluster}, read on {@code handle} (whose
   * Jdbi must have the SqlObjectPlugin installed): the audit reads it beside the other projections
   * on one handle.
   */
  public static List<InitShare> initShares(Handle handle, String cluster, Collection<String> uids) {
    return handle.attach(StartupQueries.class).initShares(cluster, uids.toArray(String[]::new));
  }

  private PodStartup pod(StartupQueries.PodRow r) {
    Map<String, Long> transitions = new LinkedHashMap<>();
    put(transitions, "create_to_schedule", r.created(), r.scheduled());
    put(transitions, "schedule_to_run", r.scheduled(), r.running());
    put(transitions, "create_to_run", r.created(), r.running());
    put(transitions, "run_to_watch", r.running(), r.watched());
    put(transitions, "schedule_to_watch", r.scheduled(), r.watched());
    put(transitions, "pod_startup", r.created(), r.watched());
    put(transitions, "create_to_ready", r.created(), r.ready());
    put(transitions, "run_to_ready", r.running(), r.ready());
    if (r.imagePullMs() != null) {
      transitions.put("image_pull", r.imagePullMs());
    }
    if (r.initMs() != null) {
      transitions.put("init", r.initMs());
    }
    Long waitingMs = null;
    if (!r.started() && r.created() != null) {
      waitingMs = millis(r.created(), r.deletedAt() != null ? r.deletedAt() : clock.instant());
    }
    return new PodStartup(
        r.cluster(),
        r.namespace(),
        r.name(),
        r.uid(),
        r.workloadKind() == null ? null : new Workload(r.workloadKind(), r.workloadName()),
        r.node(),
        r.created(),
        r.scheduled(),
        r.scheduled() == null ? null : r.scheduledByEvent() ? "Event" : "PodScheduled",
        r.initialized(),
        r.running(),
        r.ready(),
        r.watched(),
        r.imagePullMs(),
        FactSerde.mapper().readValue(r.imagePulls(), new TypeReference<TreeMap<String, Long>>() {}),
        r.initMs(),
        r.stateless(),
        r.started(),
        r.started() ? null : r.waitingReason() == null ? "Pending" : r.waitingReason(),
        r.started() ? null : r.waitingSince(),
        waitingMs,
        transitions);
  }

  private static void put(Map<String, Long> transitions, String name, Instant from, Instant to) {
    if (from != null && to != null) {
      transitions.put(name, millis(from, to));
    }
  }

  /** As SQL's startup_ms: whole milliseconds, rounded, negative clamped to 0. */
  public static long millis(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    return Math.max(0, Math.round(d.toNanos() / 1_000_000.0));
  }
}
