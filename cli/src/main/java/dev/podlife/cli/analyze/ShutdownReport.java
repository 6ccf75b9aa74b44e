package dev.podlife.cli.analyze;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code shutdown} report: each captured pod whose deletion was requested, how each of its containers stopped,
 * and the containers counted by outcome. The JSON shape is a contract: keep it stable.
 */
final class ShutdownReport {
  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final List<String> OUTCOMES = List.of("clean", "killed_after_grace", "oom_killed", "error_exit", "unknown");

  private ShutdownReport() {}

  @JsonPropertyOrder({"pods", "summary"})
  record Report(List<Pod> pods, Summary summary) {}

  /** {@code deletionRequested}: the first delete request's acceptance time (deletionTimestamp − grace). */
  @JsonPropertyOrder({"namespace", "name", "uid", "deletionRequested", "gracePeriodSeconds", "cause", "containers"})
  record Pod(
      String namespace,
      String name,
      String uid,
      String deletionRequested,
      Long gracePeriodSeconds,
      String cause,
      List<Container> containers) {}

  /**
   * {@code outcome} is null while the container is still stopping (the capture ends before it exits).
   * {@code secondsToKilling} (deletion requested → the kubelet's Killing Event) shows in the table only: the JSON
   * shape is a contract.
   */
  @JsonPropertyOrder({
    "name", "exitCode", "reason", "finishedAt", "secondsToExit", "outcome", "preStopConfigured", "preStopFailed"
  })
  record Container(
      String name,
      Integer exitCode,
      String reason,
      String finishedAt,
      Double secondsToExit,
      String outcome,
      Boolean preStopConfigured,
      boolean preStopFailed,
      @JsonIgnore Double secondsToKilling) {}

  record Summary(Map<String, Long> outcomes) {}

  static Report report(Jdbi jdbi, String cluster, Collection<String> uids) {
    return jdbi.withHandle(
        handle -> {
          Map<String, List<Container>> containers = new LinkedHashMap<>();
          handle
              .createQuery(
                  """
                  SELECT c.pod_uid, c.container, c.exit_code, c.reason, c.finished_at, c.seconds_to_exit_ms, c.outcome,
                         c.prestop_configured, c.prestop_failed,
                         (extract(epoch FROM c.killing_at - p.deletion_requested_at) * 1000)::bigint AS to_killing_ms
                  FROM shutdown_container c JOIN shutdown_pod p USING (cluster, pod_uid)
                  WHERE c.cluster = :cluster AND c.pod_uid = ANY(:uids)
                  ORDER BY c.pod_uid, c.position, c.container
                  """)
              .bind("cluster", cluster)
              .bindArray("uids", String.class, uids)
              .map(
                  (rs, ctx) -> {
                    long toExit = rs.getLong("seconds_to_exit_ms");
                    Double secondsToExit = rs.wasNull() ? null : toExit / 1000.0;
                    int exitCode = rs.getInt("exit_code");
                    Integer exit = rs.wasNull() ? null : exitCode;
                    boolean configured = rs.getBoolean("prestop_configured");
                    Boolean preStopConfigured = rs.wasNull() ? null : configured;
                    long toKilling = rs.getLong("to_killing_ms");
                    Double secondsToKilling = rs.wasNull() ? null : toKilling / 1000.0;
                    Instant finishedAt = rs.getObject("finished_at", java.time.OffsetDateTime.class) == null
                        ? null
                        : rs.getObject("finished_at", java.time.OffsetDateTime.class).toInstant();
                    return Map.entry(
                        rs.getString("pod_uid"),
                        new Container(
                            rs.getString("container"), exit, rs.getString("reason"),
                            finishedAt == null ? null : finishedAt.toString(), secondsToExit, rs.getString("outcome"),
                            preStopConfigured, rs.getBoolean("prestop_failed"), secondsToKilling));
                  })
              .forEach(e -> containers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
          List<Pod> pods =
              handle
                  .createQuery(
                      """
                      SELECT namespace, pod_name, pod_uid, deletion_requested_at, grace_period_seconds, cause
                      FROM shutdown_pod
                      WHERE cluster = :cluster AND pod_uid = ANY(:uids)
                      ORDER BY deletion_requested_at, namespace, pod_name, pod_uid
                      """)
                  .bind("cluster", cluster)
                  .bindArray("uids", String.class, uids)
                  .map(
                      (rs, ctx) -> {
                        long grace = rs.getLong("grace_period_seconds");
                        Long gracePeriodSeconds = rs.wasNull() ? null : grace;
                        return new Pod(
                            rs.getString("namespace"), rs.getString("pod_name"), rs.getString("pod_uid"),
                            rs.getObject("deletion_requested_at", java.time.OffsetDateTime.class).toInstant().toString(),
                            gracePeriodSeconds, rs.getString("cause"),
                            List.copyOf(containers.getOrDefault(rs.getString("pod_uid"), List.of())));
                      })
                  .list();
          Map<String, Long> outcomes = new LinkedHashMap<>();
          OUTCOMES.forEach(outcome -> outcomes.put(outcome, 0L));
          handle
              .createQuery(
                  """
                  SELECT outcome, count(*) AS n FROM shutdown_container
                  WHERE cluster = :cluster AND pod_uid = ANY(:uids) AND outcome IS NOT NULL
                  GROUP BY outcome
                  """)
              .bind("cluster", cluster)
              .bindArray("uids", String.class, uids)
              .map((rs, ctx) -> Map.entry(rs.getString("outcome"), rs.getLong("n")))
              .forEach(e -> outcomes.put(e.getKey(), e.getValue()));
          return new Report(pods, new Summary(outcomes));
        });
  }

  static String json(Report report) {
    return JSON.writeValueAsString(report);
  }

  /**
   * One line per container that was running when its pod's deletion was requested — KILLING and TO-EXIT in seconds
   * after the request — then the outcome counts.
   */
  static String table(Report report) {
    List<String[]> lines = new ArrayList<>();
    lines.add(
        new String[] {"NAMESPACE", "POD", "CAUSE", "GRACE", "CONTAINER", "PRESTOP", "KILLING", "EXIT", "REASON", "TO-EXIT", "OUTCOME"});
    for (Pod pod : report.pods()) {
      for (Container c : pod.containers()) {
        lines.add(
            new String[] {
              pod.namespace(), pod.name(), pod.cause(),
              pod.gracePeriodSeconds() == null ? "?" : pod.gracePeriodSeconds() + "s", c.name(), preStop(c), seconds(c.secondsToKilling()),
              c.exitCode() == null ? "-" : c.exitCode().toString(), c.reason() == null ? "-" : c.reason(),
              seconds(c.secondsToExit()),
              c.outcome() == null ? "stopping" : c.outcome()
            });
      }
    }
    StringBuilder out = new StringBuilder(TextTable.align(lines));
    out.append('\n');
    List<String> counts = new ArrayList<>();
    report.summary().outcomes().forEach((outcome, n) -> counts.add(outcome + " " + n));
    out.append("containers by outcome: ").append(String.join(", ", counts)).append('\n');
    return out.toString();
  }

  /** Seconds after the deletion was requested, e.g. {@code +7.0s}. */
  private static String seconds(Double seconds) {
    return seconds == null ? "-" : String.format(Locale.ROOT, "+%.1fs", seconds);
  }

  private static String preStop(Container c) {
    if (c.preStopConfigured() == null) {
      return "?";
    }
    if (!c.preStopConfigured()) {
      return "-";
    }
    return c.preStopFailed() ? "failed" : "yes";
  }
}
