package dev.podlife.alerts.evaluation;

import dev.podlife.alerts.rules.Condition;
import dev.podlife.alerts.rules.RuleSpec;
import dev.podlife.analyzer.shutdown.Shutdowns;
import dev.podlife.analyzer.shutdown.StoppedContainer;
import dev.podlife.analyzer.terminations.CrashLoops;
import dev.podlife.analyzer.terminations.Termination;
import dev.podlife.analyzer.terminations.Terminations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a rule's occurrences from the projections: the condition's rows in the time range (through the analyzer's
 * read models where the feature has one) with their pod's workload and labels, and the rule's selector filters them
 * here (so a regex means what the validated Java {@link java.util.regex.Pattern} means, never a second dialect).
 *
 * <ul>
 *   <li>termination_reason / exit_code: termination rows (reason = the termination's), at = its time;
 *   <li>killed_after_grace: shutdown containers with the stored verdict, at = finishedAt, else the deletion deadline
 *       (read by the deadline, indexed: a container SIGKILLed more than an hour after its deadline is not seen);
 *   <li>crash_loop_entered: CrashLoopBackOff episode starts;
 *   <li>restarts: probe_restart rows, whatever the cause;
 *   <li>liveness_restarts: observed probe_restart rows the kubelet announced as a liveness or startup probe kill
 *       (a Killing Event from the run's start to 5 s after it ended, as the probes report counts them);
 *   <li>prestop_failed: shutdown containers with a failed preStop hook, at = the Killing time, else the
 *       deletion request (read by the request, indexed: a Killing more than an hour after it is not seen);
 *   <li>startup_p99: each started pod the startup SLO counts (stateless, never unschedulable), at = its creation,
 *       value = its SLI in ms.
 * </ul>
 */
final class Occurrences {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  /** The rows {@link #readModelRows} read, bound as one array per column. */
  private static final String READ_MODEL_ROWS =
      """
      SELECT r.at, r.cluster, r.pod_uid, r.container, r.reason, NULL::float8 AS value
      FROM unnest(CAST(:rowAt AS timestamptz[]), CAST(:rowCluster AS text[]), CAST(:rowPodUid AS text[]),
                  CAST(:rowContainer AS text[]), CAST(:rowReason AS text[])) AS r(at, cluster, pod_uid, container, reason)""";

  /** One occurrence's own columns, before its pod's are joined. */
  private record ConditionRow(Instant at, String cluster, String podUid, String container, String reason) {}

  /**
   * The rows of the conditions read through the analyzer's read models, in {@code [from, to)}: terminations by reason
   * or exit code, containers killed after the grace period and failed preStop hooks (the stored shutdown verdicts),
   * CrashLoopBackOff episodes by their start. Empty for the conditions read by SQL here.
   */
  private static List<ConditionRow> readModelRows(Handle h, Condition condition, Instant from, Instant to) {
    String constant = condition.type().reason().orElse("");
    return switch (condition.type()) {
      case TERMINATION_REASON ->
          new Terminations(h).withReason(condition.reasons(), from, to).stream().map(Occurrences::row).toList();
      case EXIT_CODE ->
          new Terminations(h).withExitCode(condition.exitCodes(), from, to).stream().map(Occurrences::row).toList();
      case KILLED_AFTER_GRACE ->
          new Shutdowns(h).killedAfterGrace(from, to).stream().map(c -> row(c, constant)).toList();
      case PRESTOP_FAILED -> new Shutdowns(h).preStopFailed(from, to).stream().map(c -> row(c, constant)).toList();
      case CRASH_LOOP_ENTERED ->
          new CrashLoops(h)
              .startedBetween(from, to).stream()
                  .map(e -> new ConditionRow(e.startedAt(), e.cluster(), e.uid(), e.container(), constant))
                  .toList();
      default -> List.of();
    };
  }

  private static ConditionRow row(Termination t) {
    return new ConditionRow(t.at(), t.cluster(), t.uid(), t.container(), t.reason());
  }

  private static ConditionRow row(StoppedContainer c, String reason) {
    return new ConditionRow(c.at(), c.shutdown().cluster(), c.shutdown().podUid(), c.container().container(), reason);
  }

  /** The condition's rows as (at, cluster, pod_uid, container, reason, value), with :from and :to bound on at. */
  private static String conditionRows(Condition condition) {
    return switch (condition.type()) {
      // read through the owning features' read models (see readModelRows), handed back as bound arrays
      case TERMINATION_REASON, EXIT_CODE, KILLED_AFTER_GRACE, CRASH_LOOP_ENTERED -> READ_MODEL_ROWS;
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
      case PRESTOP_FAILED -> READ_MODEL_ROWS;
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
    List<ConditionRow> rows = readModelRows(h, condition, from, to);
    String sql =
        "WITH o AS (" + conditionRows(condition) + ")\n"
            + "SELECT o.at, o.cluster, o.pod_uid, o.container, o.reason, o.value, p.namespace, p.name,"
            + " p.workload_kind, p.workload_name, coalesce(p.snapshot -> 'labels', '{}'::jsonb)::text AS labels\n"
            + "FROM o JOIN pod p ON p.cluster = o.cluster AND p.uid = o.pod_uid\n"
            + "ORDER BY o.at, o.pod_uid, o.container";
    return h.createQuery(sql)
        // each condition's SQL uses only its own parameters
        .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
        .bind("from", utc(from))
        .bind("to", utc(to))
        .bind("reason", condition.type().reason().orElse(""))
        .bindArray("reasons", String.class, condition.reasons())
        .bindArray("exitCodes", Integer.class, condition.exitCodes())
        .bindArray("rowAt", String.class, rows.stream().map(r -> r.at().toString()).toList())
        .bindArray("rowCluster", String.class, rows.stream().map(ConditionRow::cluster).toList())
        .bindArray("rowPodUid", String.class, rows.stream().map(ConditionRow::podUid).toList())
        .bindArray("rowContainer", String.class, rows.stream().map(ConditionRow::container).toList())
        .bindArray("rowReason", String.class, rows.stream().map(ConditionRow::reason).toList())
        .map((rs, ctx) -> new Row(occurrence(rs), labels(rs.getString("labels"))))
        .stream()
        .filter(row -> rule.selector().matches(row.o.cluster(), row.o.namespace(), row.o.workloadKind(),
            row.o.workloadName(), row.labels))
        .map(Row::o)
        .toList();
  }

  private record Row(Occurrence o, Map<String, String> labels) {}

  private static Occurrence occurrence(ResultSet rs) throws SQLException {
    String podName = rs.getString("name");
    String kind = rs.getString("workload_kind");
    String workload = rs.getString("workload_name");
    boolean bare = kind == null || workload == null;
    double value = rs.getDouble("value");
    return new Occurrence(
        rs.getObject("at", OffsetDateTime.class).toInstant(),
        rs.getString("cluster"),
        rs.getString("namespace"),
        bare ? "Pod" : kind,
        bare ? podName : workload,
        rs.getString("pod_uid"),
        podName,
        rs.getString("container"),
        rs.getString("reason"),
        rs.wasNull() ? null : value);
  }

  private static Map<String, String> labels(String json) {
    return JSON.readValue(json, LABELS);
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
