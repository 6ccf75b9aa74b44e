package dev.podlife.alerts.evaluation;

import dev.podlife.alerts.rules.Condition;
import dev.podlife.alerts.rules.RuleSpec;
import dev.podlife.analyzer.probes.ProbeRestarts;
import dev.podlife.analyzer.probes.RestartCause;
import dev.podlife.analyzer.startup.StartupSlo;
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
 * Reads a rule's occurrences from the projections: SQL selects the condition's rows in the time range with their
 * pod's workload and labels, and the rule's selector filters them here (so a regex means what the validated Java
 * {@link java.util.regex.Pattern} means, never a second dialect).
 *
 * <ul>
 *   <li>termination_reason / exit_code: termination rows (reason = the termination's), at = its time;
 *   <li>killed_after_grace: shutdown_container rows with that outcome, at = finishedAt, else the deletion deadline
 *       (read by the deadline, indexed: a container SIGKILLed more than an hour after its deadline is not seen);
 *   <li>crash_loop_entered: crash_loop_episode starts;
 *   <li>restarts: every restart ({@link ProbeRestarts}), whatever the cause;
 *   <li>liveness_restarts: the restarts whose stored cause is a liveness or startup probe kill, as the probes report
 *       counts them ({@link RestartCause});
 *   <li>prestop_failed: shutdown_container rows with a failed preStop hook, at = the Killing time, else the
 *       deletion request (read by the request, indexed: a Killing more than an hour after it is not seen);
 *   <li>startup_p99: each pod the startup SLO counts (its stored {@code slo_eligible}, {@link StartupSlo}), at = its
 *       creation, value = its SLI in ms.
 * </ul>
 */
final class Occurrences {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

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
      // read through the probes feature's read model, with its stored restart cause
      case RESTARTS, LIVENESS_RESTARTS -> READ_MODEL_ROWS;
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
      // read through the startup feature's read model, with its stored SLO verdict
      case STARTUP_P99 -> READ_MODEL_ROWS;
    };
  }

  /**
   * The condition rows {@link #readModelRows} read through a feature's read interface, bound as arrays so that they
   * join their pods like the rows selected here.
   */
  private static final String READ_MODEL_ROWS =
      """
      SELECT r.at, r.cluster, r.pod_uid, r.container, CAST(:reason AS text) AS reason, r.value
      FROM unnest(CAST(CAST(:readAt AS text[]) AS timestamptz[]), CAST(:readCluster AS text[]),
                  CAST(:readPodUid AS text[]), CAST(:readContainer AS text[]), CAST(:readValue AS float8[]))
        AS r(at, cluster, pod_uid, container, value)""";

  /** A condition's row as a feature's read interface gives it. */
  private record ReadModelRow(Instant at, String cluster, String podUid, String container, Double value) {}

  /** The rows of the conditions read through a feature's read interface in {@code [from, to)}; none for the others. */
  private static List<ReadModelRow> readModelRows(Handle h, Condition condition, Instant from, Instant to) {
    return switch (condition.type()) {
      case RESTARTS -> restarts(new ProbeRestarts(h).between(from, to));
      case LIVENESS_RESTARTS -> restarts(new ProbeRestarts(h).between(from, to, RestartCause.PROBE_KILLS));
      case STARTUP_P99 ->
          new StartupSlo(h)
              .createdBetween(from, to).stream()
              .map(p -> new ReadModelRow(p.created(), p.cluster(), p.uid(), null, (double) p.sliMs()))
              .toList();
      default -> List.of();
    };
  }

  private static List<ReadModelRow> restarts(List<ProbeRestarts.Restart> restarts) {
    return restarts.stream().map(r -> new ReadModelRow(r.at(), r.cluster(), r.podUid(), r.container(), null)).toList();
  }

  private Occurrences() {}

  /** The rule's occurrences with {@code from <= at < to} among the pods its selector picks, in time order. */
  static List<Occurrence> read(Handle h, RuleSpec rule, Instant from, Instant to) {
    Condition condition = rule.condition();
    String sql =
        "WITH o AS (" + conditionRows(condition) + ")\n"
            + "SELECT o.at, o.cluster, o.pod_uid, o.container, o.reason, o.value, p.namespace, p.name,"
            + " p.workload_kind, p.workload_name, coalesce(p.snapshot -> 'labels', '{}'::jsonb)::text AS labels\n"
            + "FROM o JOIN pod p ON p.cluster = o.cluster AND p.uid = o.pod_uid\n"
            + "ORDER BY o.at, o.pod_uid, o.container";
    List<ReadModelRow> read = readModelRows(h, condition, from, to);
    return h.createQuery(sql)
        // each condition's SQL uses only its own parameters
        .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
        .bindArray("readAt", String.class, read.stream().map(r -> r.at().toString()).toList())
        .bindArray("readCluster", String.class, read.stream().map(ReadModelRow::cluster).toList())
        .bindArray("readPodUid", String.class, read.stream().map(ReadModelRow::podUid).toList())
        .bindArray("readContainer", String.class, read.stream().map(ReadModelRow::container).toList())
        .bindArray("readValue", Double.class, read.stream().map(ReadModelRow::value).toList())
        .bind("from", utc(from))
        .bind("to", utc(to))
        .bind("reason", condition.type().reason().orElse(""))
        .bindArray("reasons", String.class, condition.reasons())
        .bindArray("exitCodes", Integer.class, condition.exitCodes())
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
