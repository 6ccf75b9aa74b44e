package dev.podlife.analyzer.audit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import dev.podlife.analyzer.pods.NewestPod;
import dev.podlife.analyzer.pods.PodSummary;
import dev.podlife.analyzer.pods.Pods;
import dev.podlife.analyzer.pods.WorkloadPodFilter;
import dev.podlife.analyzer.shutdown.PodExit;
import dev.podlife.analyzer.shutdown.ShutdownContainer;
import dev.podlife.analyzer.shutdown.Shutdowns;
import dev.podlife.analyzer.startup.InitShare;
import dev.podlife.analyzer.startup.StartupReports;
import dev.podlife.analyzer.terminations.Termination;
import dev.podlife.analyzer.terminations.Terminations;
import dev.podlife.events.ContainerKind;
import dev.podlife.events.ContainerSpec;
import dev.podlife.events.PodSnapshot;

/**
 * Checks each workload against the seed's good practices:
 *
 * <ul>
 *   <li>{@code missingLivenessProbe}, {@code missingReadinessProbe}: a long-running container
 *       (restartPolicy Always) without the probe, in the workload's newest pod spec;
 *   <li>{@code noPreStopHook}: a container with a readiness probe (it receives traffic) but no
 *       preStop hook;
 *   <li>{@code gracePeriodTooShort}: the p99 time from the first delete request to the last
 *       container exit (else the pod's removal), as the shutdown projection records it ({@link
 *       Shutdowns#exitsOfPods}), reaches the effective grace period (the kubelet then SIGKILLs);
 *       its {@code killedAfterGrace} counts the workload's containers the shutdown projection
 *       judged killed after the grace period ({@link ShutdownContainer#killedAfterGrace()}), the
 *       same verdict as the shutdown report, the alerts and the metric;
 *   <li>{@code initContainerFails}: an init container that terminated abnormally;
 *   <li>{@code initContainersDominateStartup}: init containers take half or more of the median
 *       startup, as the startup projection measures both ({@link StartupReports#initShares});
 *   <li>{@code terminationMessagePolicyNotFallbackToLogsOnError}: a container (regular, init or
 *       sidecar) whose terminationMessagePolicy is {@code File}, so a crash that writes nothing to
 *       /dev/termination-log leaves an empty termination message; the evidence counts the abnormal
 *       terminations of those containers (in the workload's pods) that left an empty message. A
 *       policy the facts do not carry (stored before podlife kept it) is unknown, not a finding;
 *   <li>{@code sidecarWithoutStartupProbe}: a sidecar (an init container with restartPolicy Always)
 *       with neither a startup nor a readiness probe, in any workload (Jobs too): the kubelet
 *       starts the next init container and the main containers as soon as the sidecar is started,
 *       which without a startup probe is when its process runs, before it serves; without a
 *       readiness probe its failures never show in the pod's readiness.
 * </ul>
 *
 * <p>Run it with {@code new Audit(jdbi).run(filter)} (a {@link WorkloadPodFilter}); the API's
 * {@code /api/v1/reports/audit} and {@code podlife analyze --report audit} both do.
 */
public final class Audit {
  public static final List<String> CHECKS =
      List.of(
          "missingLivenessProbe",
          "missingReadinessProbe",
          "noPreStopHook",
          "gracePeriodTooShort",
          "initContainerFails",
          "initContainersDominateStartup",
          "terminationMessagePolicyNotFallbackToLogsOnError",
          "sidecarWithoutStartupProbe");

  /**
   * What the audit cannot check from the facts podlife keeps today, and why (nothing today; the
   * shape keeps it).
   */
  public static final List<String> NOT_CHECKED = List.of();

  static final String LOG_TAIL_POLICY = "FallbackToLogsOnError";
  static final BigDecimal DOMINANT_SHARE = new BigDecimal("0.5");

  private static final long DEFAULT_GRACE_SECONDS = 30;
  private static final Set<String> BATCH_KINDS = Set.of("Job", "CronJob");

  private final Jdbi jdbi;

  public Audit(Jdbi jdbi) {
    this.jdbi = jdbi;
    jdbi.installPlugin(new SqlObjectPlugin());
  }

  /**
   * The audit's answer: per workload its findings (workloads without any are left out), and counts
   * per check.
   */
  public record Result(
      List<WorkloadAudit> workloads, Map<String, Long> byCheck, List<String> notChecked) {}

  private record Key(String cluster, String namespace, String kind, String name) {}

  /** One init container's abnormal terminations in one workload. */
  private record InitFailures(
      String container, long failures, long pods, String reasons, Instant lastAt) {}

  /** One deleted pod's time to exit and the grace period it had. */
  private record TimeToExit(String uid, BigDecimal seconds, BigDecimal graceSeconds) {}

  /** A workload's times to exit; {@code uids} are its deleted pods. */
  private record ExitTimes(
      Key key,
      long pods,
      BigDecimal p50Seconds,
      BigDecimal p99Seconds,
      BigDecimal maxSeconds,
      BigDecimal graceSeconds,
      List<String> uids) {}

  /**
   * The terminations of the workloads' pods in scope, for the empty-message evidence and the init
   * failures.
   */
  private record WorkloadTerminations(
      Map<Key, Map<String, Long>> emptyMessages, Map<Key, List<InitFailures>> initFailures) {}

  /** Audits the workloads of the pods {@code filter} picks, reading everything on one handle. */
  public Result run(WorkloadPodFilter filter) {
    return jdbi.withHandle(
        h -> {
          Pods pods = Pods.on(h);
          Map<String, Map<String, PodSummary>> scoped = byCluster(pods.ofWorkloads(filter));
          Map<Key, WorkloadAudit> audits = new LinkedHashMap<>();
          Map<Key, List<Finding>> findings = new LinkedHashMap<>();
          WorkloadTerminations ended = terminationsOf(new Terminations(h), scoped);
          for (NewestPod newest : pods.newestOfWorkloads(filter)) {
            PodSummary pod = newest.pod();
            Key key = key(pod);
            audits.put(
                key,
                new WorkloadAudit(
                    pod.cluster(),
                    pod.namespace(),
                    pod.workload(),
                    newest.workloadPods(),
                    pod.name(),
                    List.of()));
            findings.put(
                key,
                new ArrayList<>(
                    specFindings(newest, ended.emptyMessages().getOrDefault(key, Map.of()))));
          }
          Shutdowns shutdowns = new Shutdowns(h);
          for (ExitTimes exits : exitTimes(pods, shutdowns, scoped)) {
            List<Finding> list = findings.get(exits.key());
            if (list != null && exits.p99Seconds().compareTo(exits.graceSeconds()) >= 0) {
              Map<String, Object> evidence = new LinkedHashMap<>();
              evidence.put("deletedPods", exits.pods());
              evidence.put("p50TimeToExitSeconds", seconds(exits.p50Seconds()));
              evidence.put("p99TimeToExitSeconds", seconds(exits.p99Seconds()));
              evidence.put("maxTimeToExitSeconds", seconds(exits.maxSeconds()));
              evidence.put("gracePeriodSeconds", seconds(exits.graceSeconds()));
              evidence.put(
                  "killedAfterGrace",
                  killedAfterGrace(shutdowns, exits.key().cluster(), exits.uids()));
              list.add(
                  new Finding(
                      "gracePeriodTooShort",
                      List.of(),
                      evidence,
                      "Handle SIGTERM: finish in-flight work and exit well within"
                          + " terminationGracePeriodSeconds ("
                          + seconds(exits.graceSeconds())
                          + " s), or raise it above the observed p99 of "
                          + seconds(exits.p99Seconds())
                          + " s; containers still running at its end are SIGKILLed."));
            }
          }
          ended
              .initFailures()
              .forEach(
                  (key, failed) -> {
                    List<Finding> list = findings.get(key);
                    if (list == null) {
                      return;
                    }
                    for (InitFailures failures : failed) {
                      Map<String, Object> evidence = new LinkedHashMap<>();
                      evidence.put("failures", failures.failures());
                      evidence.put("pods", failures.pods());
                      evidence.put("reasons", failures.reasons());
                      evidence.put("lastAt", failures.lastAt().toString());
                      list.add(
                          new Finding(
                              "initContainerFails",
                              List.of(failures.container()),
                              evidence,
                              "Read the init container's termination message (GET"
                                  + " /api/v1/terminations?workload=…): an init container that"
                                  + " fails blocks the pod and is retried with back-off; make it"
                                  + " idempotent and fail with a clear message."));
                    }
                  });
          for (var cluster : scoped.entrySet()) {
            for (InitShare share :
                StartupReports.initShares(h, cluster.getKey(), cluster.getValue().keySet())) {
              List<Finding> list =
                  findings.get(
                      new Key(
                          share.cluster(),
                          share.namespace(),
                          share.workloadKind(),
                          share.workloadName()));
              if (list != null && share.p50Share().compareTo(DOMINANT_SHARE) >= 0) {
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("pods", share.pods());
                evidence.put("p50InitSeconds", seconds(share.p50InitSeconds()));
                evidence.put("p50StartupSeconds", seconds(share.p50StartupSeconds()));
                evidence.put(
                    "p50InitShare",
                    share.p50Share().setScale(2, RoundingMode.HALF_UP).doubleValue());
                list.add(
                    new Finding(
                        "initContainersDominateStartup",
                        List.of(),
                        evidence,
                        "Init containers take most of this workload's startup: move one-off work"
                            + " (migrations, cache warm-up) to a Job, or make it incremental; the"
                            + " pod is not Ready until they finish."));
              }
            }
          }
          List<WorkloadAudit> result = new ArrayList<>();
          Map<String, Long> byCheck = new TreeMap<>();
          audits.forEach(
              (key, audit) -> {
                List<Finding> list = findings.get(key);
                if (!list.isEmpty()) {
                  list.sort(Comparator.comparingInt(f -> CHECKS.indexOf(f.check())));
                  list.forEach(f -> byCheck.merge(f.check(), 1L, Long::sum));
                  result.add(
                      new WorkloadAudit(
                          audit.cluster(),
                          audit.namespace(),
                          audit.workload(),
                          audit.pods(),
                          audit.latestPod(),
                          list));
                }
              });
          return new Result(result, byCheck, NOT_CHECKED);
        });
  }

  /**
   * Per workload, its containers' abnormal terminations that left no termination message (the pod's
   * own ends, such as evictions, are not a container's and are left out), and its init containers'
   * abnormal terminations.
   */
  private static WorkloadTerminations terminationsOf(
      Terminations terminations, Map<String, Map<String, PodSummary>> scoped) {
    Map<Key, Map<String, Long>> emptyMessages = new LinkedHashMap<>();
    Map<Key, Map<String, List<Termination>>> initTerminations = new LinkedHashMap<>();
    scoped.forEach(
        (cluster, byUid) -> {
          for (Termination t : terminations.ofPods(cluster, byUid.keySet())) {
            Key key = key(byUid.get(t.uid()));
            if (!t.container().isEmpty() && blank(t.message())) {
              emptyMessages
                  .computeIfAbsent(key, k -> new LinkedHashMap<>())
                  .merge(t.container(), 1L, Long::sum);
            }
            if ("INIT".equals(t.containerKind())) {
              initTerminations
                  .computeIfAbsent(key, k -> new TreeMap<>())
                  .computeIfAbsent(t.container(), c -> new ArrayList<>())
                  .add(t);
            }
          }
        });
    Map<Key, List<InitFailures>> initFailures = new LinkedHashMap<>();
    initTerminations.forEach(
        (key, byContainer) ->
            byContainer.forEach(
                (container, failed) ->
                    initFailures
                        .computeIfAbsent(key, k -> new ArrayList<>())
                        .add(
                            new InitFailures(
                                container,
                                failed.size(),
                                failed.stream().map(Termination::uid).distinct().count(),
                                String.join(
                                    ", ",
                                    new TreeSet<>(
                                        failed.stream().map(Termination::reason).toList())),
                                failed.stream()
                                    .map(Termination::at)
                                    .max(Comparator.naturalOrder())
                                    .orElseThrow()))));
    return new WorkloadTerminations(emptyMessages, initFailures);
  }

  /** The pods by cluster, then by uid. */
  private static Map<String, Map<String, PodSummary>> byCluster(List<PodSummary> pods) {
    Map<String, Map<String, PodSummary>> byCluster = new LinkedHashMap<>();
    for (PodSummary pod : pods) {
      byCluster.computeIfAbsent(pod.cluster(), c -> new LinkedHashMap<>()).put(pod.uid(), pod);
    }
    return byCluster;
  }

  private static Key key(PodSummary pod) {
    return new Key(pod.cluster(), pod.namespace(), pod.workload().kind(), pod.workload().name());
  }

  /**
   * Per workload, the time from each deleted pod's first delete request (the shutdown projection's
   * anchor) to its shutdown's last container exit, else to the pod's removal, as {@code
   * percentile_disc} ranks them; against the largest effective grace period of those pods. A pod
   * still stopping (neither seen) is not counted.
   */
  private static List<ExitTimes> exitTimes(
      Pods pods, Shutdowns shutdowns, Map<String, Map<String, PodSummary>> scoped) {
    Map<Key, List<TimeToExit>> byWorkload = new LinkedHashMap<>();
    scoped.forEach(
        (cluster, byUid) -> {
          for (PodExit exit : shutdowns.exitsOfPods(cluster, byUid.keySet())) {
            PodSummary pod = byUid.get(exit.podUid());
            Instant end = exit.lastExitAt() != null ? exit.lastExitAt() : pod.deletedAt();
            if (end == null) {
              continue;
            }
            byWorkload
                .computeIfAbsent(key(pod), k -> new ArrayList<>())
                .add(
                    new TimeToExit(
                        pod.uid(),
                        secondsBetween(exit.deletionRequestedAt(), end),
                        grace(pods, exit)));
          }
        });
    List<ExitTimes> result = new ArrayList<>();
    byWorkload.forEach(
        (key, exits) -> {
          List<BigDecimal> sorted = exits.stream().map(TimeToExit::seconds).sorted().toList();
          result.add(
              new ExitTimes(
                  key,
                  exits.size(),
                  percentileDisc(sorted, 0.5),
                  percentileDisc(sorted, 0.99),
                  sorted.getLast(),
                  exits.stream()
                      .map(TimeToExit::graceSeconds)
                      .max(Comparator.naturalOrder())
                      .orElseThrow(),
                  exits.stream().map(TimeToExit::uid).toList()));
        });
    return result;
  }

  /**
   * The effective grace period; when the deletion did not carry one (never from a real API server),
   * the pod spec's terminationGracePeriodSeconds, else Kubernetes' default of 30 s.
   */
  private static BigDecimal grace(Pods pods, PodExit exit) {
    Long seconds = exit.gracePeriodSeconds();
    if (seconds == null) {
      seconds =
          pods.snapshot(exit.cluster(), exit.podUid())
              .map(s -> s.spec().terminationGracePeriodSeconds())
              .orElse(DEFAULT_GRACE_SECONDS);
    }
    return BigDecimal.valueOf(seconds == null ? DEFAULT_GRACE_SECONDS : seconds);
  }

  private static BigDecimal secondsBetween(Instant from, Instant to) {
    return BigDecimal.valueOf(Duration.between(from, to).toNanos(), 9);
  }

  /**
   * PostgreSQL's {@code percentile_disc(p)} over ascending values: the first whose rank reaches
   * {@code p} of them.
   */
  static BigDecimal percentileDisc(List<BigDecimal> ascending, double p) {
    int rank = (int) Math.ceil(p * ascending.size());
    return ascending.get(Math.max(0, rank - 1));
  }

  /** No message, or only spaces (as Postgres' {@code btrim} trims). */
  private static boolean blank(String message) {
    return message == null || message.chars().allMatch(c -> c == ' ');
  }

  /**
   * The containers of these pods' shutdowns that the shutdown projection judged killed after the
   * grace period.
   */
  private static long killedAfterGrace(Shutdowns shutdowns, String cluster, List<String> uids) {
    return shutdowns.containersOfPods(cluster, uids).stream()
        .filter(ShutdownContainer::killedAfterGrace)
        .count();
  }

  /**
   * The checks on the newest pod's spec.
   *
   * @param emptyMessages per container, the workload's abnormal terminations that left an empty
   *     termination message
   */
  static List<Finding> specFindings(NewestPod latest, Map<String, Long> emptyMessages) {
    PodSnapshot snapshot = latest.snapshot();
    List<ContainerSpec> serving = new ArrayList<>();
    for (ContainerSpec c : snapshot.spec().containers()) {
      serving.add(c);
    }
    for (ContainerSpec c : snapshot.spec().initContainers()) {
      if (c.kind() == ContainerKind.SIDECAR) {
        serving.add(c);
      }
    }
    String restartPolicy = snapshot.spec().restartPolicy();
    boolean longRunning =
        !BATCH_KINDS.contains(latest.pod().workload().kind())
            && (restartPolicy == null || "Always".equals(restartPolicy));
    List<Finding> findings = new ArrayList<>();
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("pods", latest.workloadPods());
    evidence.put("specOf", latest.pod().name());
    if (longRunning) {
      names(serving, c -> c.livenessProbe() == null)
          .ifPresent(
              names ->
                  findings.add(
                      new Finding(
                          "missingLivenessProbe",
                          names,
                          evidence,
                          "Add a livenessProbe (httpGet on a cheap health endpoint, or exec), so"
                              + " that the kubelet restarts a container that hangs instead of"
                              + " leaving it running broken.")));
      names(serving, c -> c.readinessProbe() == null)
          .ifPresent(
              names ->
                  findings.add(
                      new Finding(
                          "missingReadinessProbe",
                          names,
                          evidence,
                          "Add a readinessProbe, so that the pod receives traffic only once it can"
                              + " serve it and stops receiving it when it cannot.")));
    }
    names(
            snapshot.spec().initContainers(),
            c ->
                c.kind() == ContainerKind.SIDECAR
                    && c.startupProbe() == null
                    && c.readinessProbe() == null)
        .ifPresent(
            names ->
                findings.add(
                    new Finding(
                        "sidecarWithoutStartupProbe",
                        names,
                        evidence,
                        "Give the sidecar a startupProbe (the kubelet then starts the main"
                            + " containers only once it passes) and a readinessProbe (its"
                            + " failures then take the pod out of service), so that the app does"
                            + " not start before the proxy or agent it depends on serves.")));
    names(serving, c -> c.readinessProbe() != null && c.preStop() == null)
        .ifPresent(
            names ->
                findings.add(
                    new Finding(
                        "noPreStopHook",
                        names,
                        evidence,
                        "Add a preStop hook (e.g. sleep 5–10 s) so that endpoints drop the pod"
                            + " before SIGTERM arrives: without it, requests keep coming while the"
                            + " container shuts down.")));
    List<ContainerSpec> all = new ArrayList<>(snapshot.spec().initContainers());
    all.addAll(snapshot.spec().containers());
    // null: a fact stored before podlife kept the policy — unknown, so no finding
    names(
            all,
            c ->
                c.terminationMessagePolicy() != null
                    && !LOG_TAIL_POLICY.equals(c.terminationMessagePolicy()))
        .ifPresent(
            names -> {
              Map<String, Object> policyEvidence = new LinkedHashMap<>(evidence);
              Map<String, String> policies = new LinkedHashMap<>();
              all.stream()
                  .filter(c -> names.contains(c.name()))
                  .forEach(c -> policies.put(c.name(), c.terminationMessagePolicy()));
              policyEvidence.put("terminationMessagePolicies", policies);
              long empty =
                  names.stream().mapToLong(name -> emptyMessages.getOrDefault(name, 0L)).sum();
              if (empty > 0) {
                policyEvidence.put("abnormalTerminationsWithEmptyMessage", empty);
              }
              findings.add(
                  new Finding(
                      "terminationMessagePolicyNotFallbackToLogsOnError",
                      names,
                      policyEvidence,
                      "Set terminationMessagePolicy: FallbackToLogsOnError so the last log lines"
                          + " become the termination message when a container fails without writing"
                          + " /dev/termination-log."));
            });
    return findings;
  }

  private static Optional<List<String>> names(
      List<ContainerSpec> containers, Predicate<ContainerSpec> missing) {
    List<String> names = containers.stream().filter(missing).map(ContainerSpec::name).toList();
    return names.isEmpty() ? Optional.empty() : Optional.of(names);
  }

  /** Seconds to a tenth, as a JSON number. */
  private static Double seconds(BigDecimal value) {
    return value == null ? null : value.setScale(1, RoundingMode.HALF_UP).doubleValue();
  }
}
