package dev.podlife.alerts.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbi.v3.core.Handle;

import dev.podlife.alerts.rules.Condition;
import dev.podlife.alerts.rules.RuleSpec;
import dev.podlife.analyzer.pods.PodIdentity;
import dev.podlife.analyzer.pods.Pods;
import dev.podlife.analyzer.probes.ProbeRestarts;
import dev.podlife.analyzer.probes.RestartCause;
import dev.podlife.analyzer.query.WorkloadRef;
import dev.podlife.analyzer.shutdown.Shutdowns;
import dev.podlife.analyzer.shutdown.StoppedContainer;
import dev.podlife.analyzer.startup.StartupSlo;
import dev.podlife.analyzer.terminations.CrashLoops;
import dev.podlife.analyzer.terminations.Termination;
import dev.podlife.analyzer.terminations.Terminations;

/**
 * Reads a rule's occurrences from the projections: the condition's rows in the time range through
 * the owning feature's read model in the analyzer, their pods' names, workload and labels from
 * {@link Pods#identities}, and the rule's selector filters them here (so a regex means what the
 * validated Java {@link java.util.regex.Pattern} means, never a second dialect).
 *
 * <ul>
 *   <li>termination_reason / exit_code: termination rows (reason = the termination's), at = its
 *       time, with the termination's disruption (preemption, eviction, node_shutdown…);
 *   <li>killed_after_grace: shutdown containers with the stored verdict, at = finishedAt, else the
 *       deletion deadline (read by the deadline, indexed: a container SIGKILLed more than an hour
 *       after its deadline is not seen);
 *   <li>crash_loop_entered: CrashLoopBackOff episode starts;
 *   <li>restarts: probe_restart rows, whatever the cause;
 *   <li>liveness_restarts: observed probe_restart rows the kubelet announced as a liveness or
 *       startup probe kill (a Killing Event from the run's start to 5 s after it ended, as the
 *       probes report counts them);
 *   <li>prestop_failed: shutdown containers with a failed preStop hook, at = the Killing time, else
 *       the deletion request (read by the request, indexed: a Killing more than an hour after it is
 *       not seen);
 *   <li>startup_p99: each started pod the startup SLO counts (stateless, never unschedulable), at =
 *       its creation, value = its SLI in ms.
 * </ul>
 */
final class Occurrences {
  private static final Comparator<ConditionRow> TIME_ORDER =
      Comparator.comparing(ConditionRow::at)
          .thenComparing(ConditionRow::podUid)
          .thenComparing(ConditionRow::container, Comparator.nullsLast(Comparator.naturalOrder()));

  private Occurrences() {}

  /**
   * The rule's occurrences with {@code from <= at < to} among the pods its selector picks, in time
   * order.
   */
  static List<Occurrence> read(Handle h, RuleSpec rule, Instant from, Instant to) {
    Condition condition = rule.condition();
    String constant = condition.type().reason().orElse("");
    List<ConditionRow> rows =
        switch (condition.type()) {
          case TERMINATION_REASON ->
              new Terminations(h)
                  .withReason(condition.reasons(), from, to).stream()
                      .map(Occurrences::row)
                      .toList();
          case EXIT_CODE ->
              new Terminations(h)
                  .withExitCode(condition.exitCodes(), from, to).stream()
                      .map(Occurrences::row)
                      .toList();
          case KILLED_AFTER_GRACE ->
              new Shutdowns(h)
                  .killedAfterGrace(from, to).stream().map(c -> row(c, constant)).toList();
          case PRESTOP_FAILED ->
              new Shutdowns(h).preStopFailed(from, to).stream().map(c -> row(c, constant)).toList();
          case CRASH_LOOP_ENTERED ->
              new CrashLoops(h)
                  .startedBetween(from, to).stream()
                      .map(
                          e ->
                              new ConditionRow(
                                  e.startedAt(),
                                  e.cluster(),
                                  e.uid(),
                                  e.container(),
                                  constant,
                                  null,
                                  null))
                      .toList();
          case RESTARTS -> restarts(new ProbeRestarts(h).between(from, to), constant);
          case LIVENESS_RESTARTS ->
              restarts(new ProbeRestarts(h).between(from, to, RestartCause.PROBE_KILLS), constant);
          case STARTUP_P99 ->
              new StartupSlo(h)
                  .createdBetween(from, to).stream()
                      .map(
                          p ->
                              new ConditionRow(
                                  p.created(),
                                  p.cluster(),
                                  p.uid(),
                                  null,
                                  constant,
                                  (double) p.sliMs(),
                                  null))
                      .toList();
        };
    return ofPods(Pods.on(h), rule, rows.stream().sorted(TIME_ORDER).toList());
  }

  private static ConditionRow row(Termination t) {
    return new ConditionRow(
        t.at(), t.cluster(), t.uid(), t.container(), t.reason(), null, t.disruption());
  }

  private static ConditionRow row(StoppedContainer c, String reason) {
    return new ConditionRow(
        c.at(),
        c.shutdown().cluster(),
        c.shutdown().podUid(),
        c.container().container(),
        reason,
        null,
        null);
  }

  private static List<ConditionRow> restarts(List<ProbeRestarts.Restart> restarts, String reason) {
    return restarts.stream()
        .map(
            r ->
                new ConditionRow(
                    r.at(), r.cluster(), r.podUid(), r.container(), reason, null, null))
        .toList();
  }

  /**
   * One row a condition selected: what happened to which pod (and container), when, and what
   * disrupted the pod before a termination.
   */
  record ConditionRow(
      Instant at,
      String cluster,
      String podUid,
      String container,
      String reason,
      Double value,
      String disruption) {}

  /**
   * The rows of pods the projection knows (as a join would), with their names and workload, among
   * the pods the rule's selector picks, in the rows' order.
   */
  static List<Occurrence> ofPods(Pods pods, RuleSpec rule, List<ConditionRow> rows) {
    Map<String, Set<String>> uidsByCluster = new LinkedHashMap<>();
    for (ConditionRow row : rows) {
      uidsByCluster.computeIfAbsent(row.cluster(), c -> new LinkedHashSet<>()).add(row.podUid());
    }
    Map<List<String>, PodIdentity> identities = new HashMap<>();
    uidsByCluster.forEach(
        (cluster, uids) ->
            pods.identities(cluster, uids)
                .forEach(p -> identities.put(List.of(p.cluster(), p.uid()), p)));
    List<Occurrence> result = new ArrayList<>();
    for (ConditionRow row : rows) {
      PodIdentity pod = identities.get(List.of(row.cluster(), row.podUid()));
      if (pod == null) {
        continue; // a pod the projection doesn't know has no workload or labels to select it by
      }
      Occurrence o = occurrence(row, pod);
      if (rule.selector()
          .matches(o.cluster(), o.namespace(), o.workloadKind(), o.workloadName(), pod.labels())) {
        result.add(o);
      }
    }
    return List.copyOf(result);
  }

  private static Occurrence occurrence(ConditionRow row, PodIdentity pod) {
    WorkloadRef workload = pod.workload();
    boolean bare = workload == null || workload.name() == null;
    return new Occurrence(
        row.at(),
        row.cluster(),
        pod.namespace(),
        bare ? "Pod" : workload.kind(),
        bare ? pod.name() : workload.name(),
        row.podUid(),
        pod.name(),
        row.container(),
        row.reason(),
        row.value(),
        row.disruption());
  }
}
