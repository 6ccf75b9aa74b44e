package dev.podlife.api.probes;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The probes report over the analyzer's probes tables (migration V30), computed in SQL.
 *
 * <p>Windowing {@code [from, to)}: probe failures count by the time of the Event occurrence that raised the count;
 * restarts by the finishedAt of the termination that ended the run (an unobserved restart by the time of the status
 * that revealed it); flaps by the transition; time not ready is the part of each interval inside the window. A
 * restart is a liveness (startup probe) restart when a {@code Killing … failed liveness (startup) probe} Event of the
 * container occurred during the run that ended: from its start (or 10 minutes before its end when unknown) to 5 s
 * after its end.
 */
@RegisterConstructorMapper(ProbeQueries.ContainerRow.class)
@RegisterConstructorMapper(ProbeQueries.GroupRow.class)
interface ProbeQueries {

  /** One container's counters; probe columns are null when it has no such probe (or its spec is unknown). */
  record ContainerRow(
      String cluster,
      String namespace,
      String pod,
      String uid,
      String workloadKind,
      String workloadName,
      String container,
      String kind,
      long livenessFailures,
      long readinessFailures,
      long startupFailures,
      long restarts,
      long livenessRestarts,
      long startupProbeRestarts,
      long unobservedRestarts,
      String restartsByReason,
      long readinessFlaps,
      double notReadySeconds,
      Double firstFailureAfterStartSeconds,
      String livenessHandler,
      Integer livenessInitialDelaySeconds,
      Integer livenessPeriodSeconds,
      Integer livenessTimeoutSeconds,
      Integer livenessFailureThreshold,
      String readinessHandler,
      Integer readinessInitialDelaySeconds,
      Integer readinessPeriodSeconds,
      Integer readinessTimeoutSeconds,
      Integer readinessFailureThreshold,
      String startupHandler,
      Integer startupInitialDelaySeconds,
      Integer startupPeriodSeconds,
      Integer startupTimeoutSeconds,
      Integer startupFailureThreshold) {}

  /** Counters summed over a group of pods (a workload, a namespace, or all: then every key is null). */
  record GroupRow(
      String cluster,
      String namespace,
      String workloadKind,
      String workloadName,
      long pods,
      long containers,
      long livenessFailures,
      long readinessFailures,
      long startupFailures,
      long restarts,
      long livenessRestarts,
      long startupProbeRestarts,
      long unobservedRestarts,
      String restartsByReason,
      long readinessFlaps,
      double notReadySeconds,
      long podReadyFlaps,
      long containersReadyFlaps,
      double podNotReadySeconds) {}

  String COMMON =
      """
      WITH scope AS (
        SELECT p.cluster, p.uid, p.namespace, p.name, p.workload_kind, p.workload_name FROM pod p WHERE <where>
      ),
      win AS (
        SELECT coalesce(CAST(:from AS timestamptz), '-infinity') AS lo,
               coalesce(CAST(:to AS timestamptz), 'infinity') AS hi,
               CAST(:now AS timestamptz) AS now_
      ),
      failures AS (
        SELECT e.cluster, e.pod_uid, e.container,
               sum(e.occurrences) FILTER (WHERE e.kind = 'liveness') AS liveness,
               sum(e.occurrences) FILTER (WHERE e.kind = 'readiness') AS readiness,
               sum(e.occurrences) FILTER (WHERE e.kind = 'startup') AS startup,
               min(e.at) FILTER (WHERE e.kind IN ('liveness', 'readiness', 'startup')) AS first_failure_at
        FROM probe_event e JOIN scope s ON s.cluster = e.cluster AND s.uid = e.pod_uid CROSS JOIN win w
        WHERE e.at >= w.lo AND e.at < w.hi
        GROUP BY e.cluster, e.pod_uid, e.container
      ),
      restarts AS (
        SELECT r.cluster, r.pod_uid, r.container, s.namespace, s.workload_kind, s.workload_name,
               CASE
                 WHEN NOT r.observed THEN 'unobserved'
                 WHEN EXISTS (
                   SELECT 1 FROM probe_event k
                   WHERE k.cluster = r.cluster AND k.pod_uid = r.pod_uid AND k.container = r.container
                     AND k.kind = 'liveness_kill'
                     AND k.at >= coalesce(r.run_started_at, r.at - interval '10 minutes')
                     AND k.at <= r.at + interval '5 seconds') THEN 'liveness'
                 WHEN EXISTS (
                   SELECT 1 FROM probe_event k
                   WHERE k.cluster = r.cluster AND k.pod_uid = r.pod_uid AND k.container = r.container
                     AND k.kind = 'startup_kill'
                     AND k.at >= coalesce(r.run_started_at, r.at - interval '10 minutes')
                     AND k.at <= r.at + interval '5 seconds') THEN 'startup'
                 ELSE coalesce(r.reason, 'Unknown')
               END AS cause
        FROM probe_restart r JOIN scope s ON s.cluster = r.cluster AND s.uid = r.pod_uid CROSS JOIN win w
        WHERE r.at >= w.lo AND r.at < w.hi
      ),
      restart_counts AS (
        SELECT cluster, pod_uid, container, count(*) AS restarts,
               count(*) FILTER (WHERE cause = 'liveness') AS liveness,
               count(*) FILTER (WHERE cause = 'startup') AS startup,
               count(*) FILTER (WHERE cause = 'unobserved') AS unobserved
        FROM restarts GROUP BY cluster, pod_uid, container
      ),
      reasons AS (
        SELECT cluster, pod_uid, container, jsonb_object_agg(cause, n) AS by_reason
        FROM (SELECT cluster, pod_uid, container, cause, count(*) AS n FROM restarts
              WHERE cause NOT IN ('liveness', 'startup', 'unobserved')
              GROUP BY cluster, pod_uid, container, cause) r
        GROUP BY cluster, pod_uid, container
      ),
      flaps AS (
        SELECT f.cluster, f.pod_uid, f.container,
               count(*) FILTER (WHERE f.scope = 'container') AS container_flaps,
               count(*) FILTER (WHERE f.scope = 'Ready') AS ready_flaps,
               count(*) FILTER (WHERE f.scope = 'ContainersReady') AS containers_ready_flaps
        FROM probe_readiness_flap f JOIN scope s ON s.cluster = f.cluster AND s.uid = f.pod_uid CROSS JOIN win w
        WHERE f.at >= w.lo AND f.at < w.hi
        GROUP BY f.cluster, f.pod_uid, f.container
      ),
      not_ready AS (
        SELECT n.cluster, n.pod_uid, n.container,
               sum(greatest(0, extract(epoch FROM
                   least(coalesce(n.ended_at, w.now_), w.hi) - greatest(n.started_at, w.lo)))) AS seconds
        FROM probe_not_ready n JOIN scope s ON s.cluster = n.cluster AND s.uid = n.pod_uid CROSS JOIN win w
        WHERE n.started_at < w.hi AND coalesce(n.ended_at, w.now_) > w.lo
        GROUP BY n.cluster, n.pod_uid, n.container
      ),
      keys AS (
        SELECT c.cluster, c.pod_uid, c.container
          FROM probe_container c JOIN scope s ON s.cluster = c.cluster AND s.uid = c.pod_uid
        UNION SELECT cluster, pod_uid, container FROM failures
        UNION SELECT cluster, pod_uid, container FROM restarts
        UNION SELECT cluster, pod_uid, container FROM flaps WHERE container != ''
        UNION SELECT cluster, pod_uid, container FROM not_ready WHERE container != ''
      ),
      containers AS (
        SELECT s.cluster, s.namespace, s.name AS pod, s.uid, s.workload_kind, s.workload_name, k.container, c.kind,
               coalesce(f.liveness, 0) AS liveness_failures,
               coalesce(f.readiness, 0) AS readiness_failures,
               coalesce(f.startup, 0) AS startup_failures,
               coalesce(rc.restarts, 0) AS restarts,
               coalesce(rc.liveness, 0) AS liveness_restarts,
               coalesce(rc.startup, 0) AS startup_probe_restarts,
               coalesce(rc.unobserved, 0) AS unobserved_restarts,
               coalesce(re.by_reason, '{}'::jsonb) AS restarts_by_reason,
               coalesce(fl.container_flaps, 0) AS readiness_flaps,
               coalesce(nr.seconds, 0)::float8 AS not_ready_seconds,
               extract(epoch FROM f.first_failure_at - run.started_at)::float8 AS first_failure_after_start_seconds,
               c.liveness_handler, c.liveness_initial_delay_seconds, c.liveness_period_seconds,
               c.liveness_timeout_seconds, c.liveness_failure_threshold,
               c.readiness_handler, c.readiness_initial_delay_seconds, c.readiness_period_seconds,
               c.readiness_timeout_seconds, c.readiness_failure_threshold,
               c.startup_handler, c.startup_initial_delay_seconds, c.startup_period_seconds,
               c.startup_timeout_seconds, c.startup_failure_threshold
        FROM keys k
        JOIN scope s ON s.cluster = k.cluster AND s.uid = k.pod_uid
        LEFT JOIN probe_container c ON c.cluster = k.cluster AND c.pod_uid = k.pod_uid AND c.container = k.container
        LEFT JOIN failures f ON f.cluster = k.cluster AND f.pod_uid = k.pod_uid AND f.container = k.container
        LEFT JOIN restart_counts rc ON rc.cluster = k.cluster AND rc.pod_uid = k.pod_uid AND rc.container = k.container
        LEFT JOIN reasons re ON re.cluster = k.cluster AND re.pod_uid = k.pod_uid AND re.container = k.container
        LEFT JOIN flaps fl ON fl.cluster = k.cluster AND fl.pod_uid = k.pod_uid AND fl.container = k.container
        LEFT JOIN not_ready nr ON nr.cluster = k.cluster AND nr.pod_uid = k.pod_uid AND nr.container = k.container
        LEFT JOIN LATERAL (
          SELECT max(r.started_at) AS started_at FROM probe_container_run r
          WHERE r.cluster = k.cluster AND r.pod_uid = k.pod_uid AND r.container = k.container
            AND r.started_at <= f.first_failure_at) run ON TRUE
      )
      """;

  /** Every container of the pods in scope, in (cluster, namespace, pod, uid, container) order. */
  @SqlQuery(
      COMMON
          + """
          SELECT cluster, namespace, pod, uid, workload_kind, workload_name, container, kind,
                 liveness_failures, readiness_failures, startup_failures, restarts, liveness_restarts,
                 startup_probe_restarts, unobserved_restarts, restarts_by_reason::text AS restarts_by_reason,
                 readiness_flaps, not_ready_seconds, first_failure_after_start_seconds,
                 liveness_handler, liveness_initial_delay_seconds, liveness_period_seconds, liveness_timeout_seconds,
                 liveness_failure_threshold,
                 readiness_handler, readiness_initial_delay_seconds, readiness_period_seconds,
                 readiness_timeout_seconds, readiness_failure_threshold,
                 startup_handler, startup_initial_delay_seconds, startup_period_seconds, startup_timeout_seconds,
                 startup_failure_threshold
          FROM containers
          ORDER BY cluster, namespace, pod, uid, container
          """)
  List<ContainerRow> containers(@Define("where") String where, @BindMethods ProbeFilter filter);

  /**
   * Counters per group; {@code key} selects the four key columns (null where not grouped) and {@code groupBy} the
   * grouping ({@code ()} for one row over everything) — both fixed fragments from {@link Grouping}.
   */
  @SqlQuery(
      COMMON
          + """
          , pods AS (
            SELECT s.cluster, s.namespace, s.workload_kind, s.workload_name, s.uid,
                   coalesce(fl.ready_flaps, 0) AS ready_flaps,
                   coalesce(fl.containers_ready_flaps, 0) AS containers_ready_flaps,
                   coalesce(nr.seconds, 0)::float8 AS not_ready_seconds
            FROM scope s
            LEFT JOIN flaps fl ON fl.cluster = s.cluster AND fl.pod_uid = s.uid AND fl.container = ''
            LEFT JOIN not_ready nr ON nr.cluster = s.cluster AND nr.pod_uid = s.uid AND nr.container = ''
          ),
          pod_groups AS (
            SELECT <key>, count(*) AS pods, sum(ready_flaps) AS ready_flaps,
                   sum(containers_ready_flaps) AS containers_ready_flaps, sum(not_ready_seconds) AS not_ready_seconds
            FROM pods GROUP BY <groupBy>
          ),
          container_groups AS (
            SELECT <key>, count(*) AS containers,
                   sum(liveness_failures) AS liveness_failures, sum(readiness_failures) AS readiness_failures,
                   sum(startup_failures) AS startup_failures, sum(restarts) AS restarts,
                   sum(liveness_restarts) AS liveness_restarts, sum(startup_probe_restarts) AS startup_probe_restarts,
                   sum(unobserved_restarts) AS unobserved_restarts, sum(readiness_flaps) AS readiness_flaps,
                   sum(not_ready_seconds) AS not_ready_seconds
            FROM containers GROUP BY <groupBy>
          ),
          reason_groups AS (
            SELECT k1, k2, k3, k4, jsonb_object_agg(cause, n) AS by_reason
            FROM (SELECT <key>, cause, count(*) AS n FROM restarts
                  WHERE cause NOT IN ('liveness', 'startup', 'unobserved')
                  GROUP BY <groupBy>, cause) r
            GROUP BY k1, k2, k3, k4
          )
          SELECT p.k1 AS cluster, p.k2 AS namespace, p.k3 AS workload_kind, p.k4 AS workload_name,
                 p.pods, coalesce(c.containers, 0) AS containers,
                 coalesce(c.liveness_failures, 0) AS liveness_failures,
                 coalesce(c.readiness_failures, 0) AS readiness_failures,
                 coalesce(c.startup_failures, 0) AS startup_failures,
                 coalesce(c.restarts, 0) AS restarts,
                 coalesce(c.liveness_restarts, 0) AS liveness_restarts,
                 coalesce(c.startup_probe_restarts, 0) AS startup_probe_restarts,
                 coalesce(c.unobserved_restarts, 0) AS unobserved_restarts,
                 coalesce(rg.by_reason, '{}'::jsonb)::text AS restarts_by_reason,
                 coalesce(c.readiness_flaps, 0) AS readiness_flaps,
                 coalesce(c.not_ready_seconds, 0) AS not_ready_seconds,
                 p.ready_flaps AS pod_ready_flaps, p.containers_ready_flaps,
                 p.not_ready_seconds AS pod_not_ready_seconds
          FROM pod_groups p
          LEFT JOIN container_groups c
            ON c.k1 IS NOT DISTINCT FROM p.k1 AND c.k2 IS NOT DISTINCT FROM p.k2
           AND c.k3 IS NOT DISTINCT FROM p.k3 AND c.k4 IS NOT DISTINCT FROM p.k4
          LEFT JOIN reason_groups rg
            ON rg.k1 IS NOT DISTINCT FROM p.k1 AND rg.k2 IS NOT DISTINCT FROM p.k2
           AND rg.k3 IS NOT DISTINCT FROM p.k3 AND rg.k4 IS NOT DISTINCT FROM p.k4
          ORDER BY 1, 2, 3, 4
          """)
  List<GroupRow> groups(
      @Define("where") String where,
      @Define("key") String key,
      @Define("groupBy") String groupBy,
      @BindMethods ProbeFilter filter);

  /** The fixed key and grouping fragments of {@link #groups}. */
  enum Grouping {
    WORKLOAD(
        "cluster AS k1, namespace AS k2, workload_kind AS k3, workload_name AS k4",
        "cluster, namespace, workload_kind, workload_name"),
    NAMESPACE("cluster AS k1, namespace AS k2, NULL::text AS k3, NULL::text AS k4", "cluster, namespace"),
    ALL("NULL::text AS k1, NULL::text AS k2, NULL::text AS k3, NULL::text AS k4", "()");

    final String key;
    final String groupBy;

    Grouping(String key, String groupBy) {
      this.key = key;
      this.groupBy = groupBy;
    }
  }
}
