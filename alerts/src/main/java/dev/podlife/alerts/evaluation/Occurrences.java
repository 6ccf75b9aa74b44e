package dev.podlife.alerts.evaluation;

import dev.podlife.alerts.rules.Condition;
import dev.podlife.analyzer.pods.PodIdentity;
import dev.podlife.analyzer.pods.Pods;
import dev.podlife.analyzer.query.WorkloadRef;
import dev.podlife.alerts.rules.RuleSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Reads a rule's occurrences from the projections: SQL selects the condition's rows in the time range, their pods'
 * names, workload and labels come from {@link Pods#identities}, and the rule's selector filters them here (so a regex
 * means what the validated Java {@link java.util.regex.Pattern} means, never a second dialect).
 *
 * <ul>
 *   <li>termination_reason / exit_code: termination rows (reason = the termination's), at = its time;
 *   <li>killed_after_grace: shutdown_container rows with that outcome, at = finishedAt, else the deletion deadline
 *       (read by the deadline, indexed: a container SIGKILLed more than an hour after its deadline is not seen);
 *   <li>crash_loop_entered: crash_loop_episode starts;
 *   <li>restarts: probe_restart rows, whatever the cause;
 *   <li>liveness_restarts: observed probe_restart rows the kubelet announced as a liveness or startup probe kill
 *       (a Killing Event from the run's start to 5 s after it ended, as the probes report counts them);
 *   <li>prestop_failed: shutdown_container rows with a failed preStop hook, at = the Killing time, else the
 *       deletion request (read by the request, indexed: a Killing more than an hour after it is not seen);
 *   <li>startup_p99: each started pod the startup SLO counts (stateless, never unschedulable), at = its creation,
 *       value = its SLI in ms.
 * </ul>
 */
final class Occurrences {
  /** The condition's rows as (at, cluster, pod_uid, container, reason, value), with :from and :to bound on at. */
  private static String conditionRows(Condition condition) {
    return switch (condition.type()) {
      case TERMINATION_REASON ->
          """
          SELECT t.at, t.cluster, t.pod_uid, t.container, t.reason, NULL::float8 AS value FROM termination t
          WHERE t.reason = ANY(:reasons) AND t.at >= :from AND t.at < :to""";
      case EXIT_CODE ->
          """
          SELECT t.at, t.cluster, t.pod_uid, t.container, t.reason, NULL::float8 AS value FROM termination t
          WHERE t.exit_code = ANY(:exitCodes) AND t.at >= :from AND t.at < :to""";
      case KILLED_AFTER_GRACE ->
          """
          SELECT * FROM (
            SELECT coalesce(c.finished_at, p.deletion_timestamp) AS at, c.cluster, c.pod_uid, c.container,
                   :reason AS reason, NULL::float8 AS value
            FROM shutdown_container c JOIN shutdown_pod p ON p.cluster = c.cluster AND p.pod_uid = c.pod_uid
            WHERE c.outcome = 'killed_after_grace'
              -- a SIGKILL lands at the deadline; the slack bounds the index range, not the answer
              AND p.deletion_timestamp >= CAST(:from AS timestamptz) - interval '1 hour'
              AND p.deletion_timestamp < :to) k
          WHERE k.at >= :from AND k.at < :to""";
      case CRASH_LOOP_ENTERED ->
          """
          SELECT e.started_at AS at, e.cluster, e.pod_uid, e.container, :reason AS reason, NULL::float8 AS value
          FROM crash_loop_episode e WHERE e.started_at >= :from AND e.started_at < :to""";
      case RESTARTS ->
          """
          SELECT r.at, r.cluster, r.pod_uid, r.container, :reason AS reason, NULL::float8 AS value
          FROM probe_restart r WHERE r.at >= :from AND r.at < :to""";
      case LIVENESS_RESTARTS ->
          """
          SELECT r.at, r.cluster, r.pod_uid, r.container, :reason AS reason, NULL::float8 AS value
          FROM probe_restart r
          WHERE r.at >= :from AND r.at < :to AND r.observed
            AND EXISTS (
              SELECT 1 FROM probe_event k
              WHERE k.cluster = r.cluster AND k.pod_uid = r.pod_uid AND k.container = r.container
                AND k.kind IN ('liveness_kill', 'startup_kill')
                AND k.at >= coalesce(r.run_started_at, r.at - interval '10 minutes')
                AND k.at <= r.at + interval '5 seconds')""";
      case PRESTOP_FAILED ->
          """
          SELECT * FROM (
            SELECT coalesce(c.killing_at, p.deletion_requested_at) AS at, c.cluster, c.pod_uid, c.container,
                   :reason AS reason, NULL::float8 AS value
            FROM shutdown_container c JOIN shutdown_pod p ON p.cluster = c.cluster AND p.pod_uid = c.pod_uid
            WHERE c.prestop_failed
              -- the kubelet runs preStop as the deletion is requested; the slack bounds the index range
              AND p.deletion_requested_at >= CAST(:from AS timestamptz) - interval '1 hour'
              AND p.deletion_requested_at < :to) k
          WHERE k.at >= :from AND k.at < :to""";
      case STARTUP_P99 ->
          """
          SELECT s.created AS at, s.cluster, s.uid AS pod_uid, NULL::text AS container, :reason AS reason,
                 s.sli_ms::float8 AS value
          FROM pod_startup s
          WHERE s.started AND s.stateless AND NOT s.unschedulable AND s.sli_ms IS NOT NULL
            AND s.created >= :from AND s.created < :to""";
    };
  }

  private Occurrences() {}

  /** The rule's occurrences with {@code from <= at < to} among the pods its selector picks, in time order. */
  static List<Occurrence> read(Handle h, RuleSpec rule, Instant from, Instant to) {
    Condition condition = rule.condition();
    String sql =
        "WITH o AS (" + conditionRows(condition) + ")\n"
            + "SELECT o.at, o.cluster, o.pod_uid, o.container, o.reason, o.value FROM o\n"
            + "ORDER BY o.at, o.pod_uid, o.container";
    List<ConditionRow> rows =
        h.createQuery(sql)
            // each condition's SQL uses only its own parameters
            .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
            .bind("from", utc(from))
            .bind("to", utc(to))
            .bind("reason", condition.type().reason().orElse(""))
            .bindArray("reasons", String.class, condition.reasons())
            .bindArray("exitCodes", Integer.class, condition.exitCodes())
            .map((rs, ctx) -> conditionRow(rs))
            .list();
    return ofPods(Pods.on(h), rule, rows);
  }

  /** One row a condition selected: what happened to which pod (and container), when. */
  record ConditionRow(Instant at, String cluster, String podUid, String container, String reason, Double value) {}

  /**
   * The rows of pods the projection knows (as a join would), with their names and workload, among the pods the rule's
   * selector picks, in the rows' order.
   */
  static List<Occurrence> ofPods(Pods pods, RuleSpec rule, List<ConditionRow> rows) {
    Map<String, Set<String>> uidsByCluster = new LinkedHashMap<>();
    for (ConditionRow row : rows) {
      uidsByCluster.computeIfAbsent(row.cluster(), c -> new LinkedHashSet<>()).add(row.podUid());
    }
    Map<List<String>, PodIdentity> identities = new HashMap<>();
    uidsByCluster.forEach(
        (cluster, uids) ->
            pods.identities(cluster, uids).forEach(p -> identities.put(List.of(p.cluster(), p.uid()), p)));
    List<Occurrence> result = new ArrayList<>();
    for (ConditionRow row : rows) {
      PodIdentity pod = identities.get(List.of(row.cluster(), row.podUid()));
      if (pod == null) {
        continue; // a pod the projection doesn't know has no workload or labels to select it by
      }
      Occurrence o = occurrence(row, pod);
      if (rule.selector().matches(o.cluster(), o.namespace(), o.workloadKind(), o.workloadName(), pod.labels())) {
        result.add(o);
      }
    }
    return List.copyOf(result);
  }

  private static ConditionRow conditionRow(ResultSet rs) throws SQLException {
    double value = rs.getDouble("value");
    Double measured = rs.wasNull() ? null : value;
    return new ConditionRow(
        rs.getObject("at", OffsetDateTime.class).toInstant(),
        rs.getString("cluster"),
        rs.getString("pod_uid"),
        rs.getString("container"),
        rs.getString("reason"),
        measured);
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
        row.value());
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
