package dev.podlife.analyzer.probes;

import java.util.List;

import org.jdbi.v3.core.mapper.Nested;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The probes report over the analyzer's probes tables (migration V30), computed in SQL.
 *
 * <p>Windowing {@code [from, to)}: probe failures count by the time of the Event occurrence that
 * raised the count; restarts by the finishedAt of the termination that ended the run (an unobserved
 * restart by the time of the status that revealed it); flaps by the transition; time not ready is
 * the part of each interval inside the window. A restart is a liveness (startup probe) restart when
 * a {@code Killing … failed liveness (startup) probe} Event of the container occurred during the
 * run that ended: the projection stores that verdict as {@code probe_restart.cause} (see {@link
 * RestartCause}), read here as it is.
 */
@RegisterConstructorMapper(ProbeQueries.ContainerRow.class)
@RegisterConstructorMapper(ProbeQueries.GroupRow.class)
interface ProbeQueries {

  /**
   * The counters a container row and a group row both carry, read from the columns of the same
   * names.
   */
  record Counters(
      long livenessFailures,
      long readinessFailures,
      long startupFailures,
      long restarts,
      long livenessRestarts,
      long startupProbeRestarts,
      long unobservedRestarts,
      String restartsByReason,
      long readinessFlaps,
      double notReadySeconds) {}

  /**
   * One container's counters; probe columns are null when it has no such probe (or its spec is
   * unknown).
   */
  record ContainerRow(
      String cluster,
      String namespace,
      String pod,
      String uid,
      String workloadKind,
      String workloadName,
      String container,
      String kind,
      @Nested Counters counters,
      Double firstFailureAfterStartSeconds,
      @Nested ProbeRows.ProbeSettings settings) {}

  /**
   * Counters summed over a group of pods (a workload, a namespace, or all: then every key is null).
   */
  record GroupRow(
      String cluster,
      String namespace,
      String workloadKind,
      String workloadName,
      long pods,
      long containers,
      @Nested Counters counters,
      long podReadyFlaps,
      long containersReadyFlaps,
      double podNotReadySeconds) {}

  /**
   * Every contribution to the report as one row: each row carries its pod's scope columns, its
   * container ({@code ''} for the pod itself), its level ({@code container} or {@code pod}) and the
   * counters it adds. The reports are GROUP BYs over it, so no CTE is joined to another (the
   * planner cannot estimate those and would nest loops). Each table is read per pod in scope
   * ({@code LATERAL … OFFSET 0}, which the planner cannot flatten into a hash join over the whole
   * table): a report costs what its scope holds, not what the store holds.
   */
  String FACTS =
      """
      WITH scope AS MATERIALIZED (
        SELECT p.cluster, p.uid, p.namespace, p.name, p.workload_kind, p.workload_name FROM pod p WHERE <where>
      ),
      restarts AS (
        SELECT s.cluster, s.uid, s.namespace, s.name, s.workload_kind, s.workload_name, r.container, r.cause,
               coalesce(r.reason, 'Unknown') AS reason
        FROM scope s JOIN probe_restart r ON r.cluster = s.cluster AND r.pod_uid = s.uid
        WHERE r.at >= coalesce(CAST(:from AS timestamptz), '-infinity')
          AND r.at < coalesce(CAST(:to AS timestamptz), 'infinity')
      ),
      facts (cluster, uid, namespace, name, workload_kind, workload_name, container, level,
             liveness, readiness, startup, restarts, liveness_restarts, startup_restarts, unobserved, reason, reason_n,
             flaps, ready_flaps, containers_ready_flaps, not_ready, failure_at) AS (
        -- every container of the pods in scope, also without observations
        SELECT s.cluster, s.uid, s.namespace, s.name, s.workload_kind, s.workload_name, c.container, 'container',
               0, 0, 0, 0, 0, 0, 0, NULL::text, NULL::bigint, 0, 0, 0, 0::float8, NULL::timestamptz
        FROM scope s CROSS JOIN LATERAL (
          SELECT c.container FROM probe_container c WHERE c.cluster = s.cluster AND c.pod_uid = s.uid OFFSET 0) c
        UNION ALL
        -- every pod in scope
        SELECT s.cluster, s.uid, s.namespace, s.name, s.workload_kind, s.workload_name, '', 'pod',
               0, 0, 0, 0, 0, 0, 0, NULL, NULL, 0, 0, 0, 0, NULL
        FROM scope s
        UNION ALL
        SELECT s.cluster, s.uid, s.namespace, s.name, s.workload_kind, s.workload_name, e.container, 'container',
               CASE WHEN e.kind = 'liveness' THEN e.occurrences ELSE 0 END,
               CASE WHEN e.kind = 'readiness' THEN e.occurrences ELSE 0 END,
               CASE WHEN e.kind = 'startup' THEN e.occurrences ELSE 0 END,
               0, 0, 0, 0, NULL, NULL, 0, 0, 0, 0, e.at
        FROM scope s CROSS JOIN LATERAL (
          SELECT e.container, e.kind, e.occurrences, e.at FROM probe_event e
          WHERE e.cluster = s.cluster AND e.pod_uid = s.uid AND e.kind IN ('liveness', 'readiness', 'startup')
            AND e.at >= coalesce(CAST(:from AS timestamptz), '-infinity')
            AND e.at < coalesce(CAST(:to AS timestamptz), 'infinity')
          OFFSET 0) e
        UNION ALL
        SELECT cluster, uid, namespace, name, workload_kind, workload_name, container, 'container',
               0, 0, 0, 1, (cause = 'liveness')::int, (cause = 'startup')::int, (cause = 'unobserved')::int,
               NULL, NULL, 0, 0, 0, 0, NULL
        FROM restarts
        UNION ALL
        -- restarts by termination reason, one row per (container, reason) so that the reason is a unique key
        SELECT cluster, uid, namespace, name, workload_kind, workload_name, container, 'container',
               0, 0, 0, 0, 0, 0, 0, reason, count(*), 0, 0, 0, 0, NULL
        FROM restarts WHERE cause = 'termination'
        GROUP BY cluster, uid, namespace, name, workload_kind, workload_name, container, reason
        UNION ALL
        SELECT s.cluster, s.uid, s.namespace, s.name, s.workload_kind, s.workload_name, f.container,
               CASE WHEN f.scope = 'container' THEN 'container' ELSE 'pod' END,
               0, 0, 0, 0, 0, 0, 0, NULL, NULL,
               (f.scope = 'container')::int, (f.scope = 'Ready')::int, (f.scope = 'ContainersReady')::int, 0, NULL
        FROM scope s CROSS JOIN LATERAL (
          SELECT f.container, f.scope FROM probe_readiness_flap f
          WHERE f.cluster = s.cluster AND f.pod_uid = s.uid
            AND f.at >= coalesce(CAST(:from AS timestamptz), '-infinity')
            AND f.at < coalesce(CAST(:to AS timestamptz), 'infinity')
          OFFSET 0) f
        UNION ALL
        SELECT s.cluster, s.uid, s.namespace, s.name, s.workload_kind, s.workload_name, n.container,
               CASE WHEN n.container = '' THEN 'pod' ELSE 'container' END,
               0, 0, 0, 0, 0, 0, 0, NULL, NULL, 0, 0, 0,
               greatest(0, extract(epoch FROM
                   least(coalesce(n.ended_at, CAST(:now AS timestamptz)),
                         coalesce(CAST(:to AS timestamptz), 'infinity'))
                   - greatest(n.started_at, coalesce(CAST(:from AS timestamptz), '-infinity'))))::float8,
               NULL
        FROM scope s CROSS JOIN LATERAL (
          SELECT n.container, n.started_at, n.ended_at FROM probe_not_ready n
          WHERE n.cluster = s.cluster AND n.pod_uid = s.uid
            AND n.started_at < coalesce(CAST(:to AS timestamptz), 'infinity')
            AND coalesce(n.ended_at, CAST(:now AS timestamptz)) > coalesce(CAST(:from AS timestamptz), '-infinity')
          OFFSET 0) n
      )
      """;

  /** Every container of the pods in scope, in (cluster, namespace, pod, uid, container) order. */
  @SqlQuery(
      FACTS
          + """
          , per_container AS (
            SELECT cluster, uid, namespace, name, workload_kind, workload_name, container,
                   sum(liveness)::bigint AS liveness_failures, sum(readiness)::bigint AS readiness_failures,
                   sum(startup)::bigint AS startup_failures, sum(restarts)::bigint AS restarts,
                   sum(liveness_restarts)::bigint AS liveness_restarts,
                   sum(startup_restarts)::bigint AS startup_probe_restarts,
                   sum(unobserved)::bigint AS unobserved_restarts,
                   jsonb_object_agg(reason, reason_n) FILTER (WHERE reason IS NOT NULL) AS by_reason,
                   sum(flaps)::bigint AS readiness_flaps, sum(not_ready) AS not_ready_seconds,
                   min(failure_at) AS first_failure_at
            FROM facts WHERE level = 'container'
            GROUP BY cluster, uid, namespace, name, workload_kind, workload_name, container
          )
          SELECT pc.cluster, pc.namespace, pc.name AS pod, pc.uid, pc.workload_kind, pc.workload_name, pc.container,
                 c.kind, pc.liveness_failures, pc.readiness_failures, pc.startup_failures, pc.restarts,
                 pc.liveness_restarts, pc.startup_probe_restarts, pc.unobserved_restarts,
                 coalesce(pc.by_reason, '{}'::jsonb)::text AS restarts_by_reason,
                 pc.readiness_flaps, pc.not_ready_seconds,
                 extract(epoch FROM pc.first_failure_at - run.started_at)::float8 AS first_failure_after_start_seconds,
                 c.liveness_handler, c.liveness_initial_delay_seconds, c.liveness_period_seconds,
                 c.liveness_timeout_seconds, c.liveness_failure_threshold,
                 c.readiness_handler, c.readiness_initial_delay_seconds, c.readiness_period_seconds,
                 c.readiness_timeout_seconds, c.readiness_failure_threshold,
                 c.startup_handler, c.startup_initial_delay_seconds, c.startup_period_seconds,
                 c.startup_timeout_seconds, c.startup_failure_threshold
          FROM per_container pc
          LEFT JOIN probe_container c
            ON c.cluster = pc.cluster AND c.pod_uid = pc.uid AND c.container = pc.container
          LEFT JOIN LATERAL (
            SELECT max(r.started_at) AS started_at FROM probe_container_run r
            WHERE r.cluster = pc.cluster AND r.pod_uid = pc.uid AND r.container = pc.container
              AND r.started_at <= pc.first_failure_at) run ON TRUE
          ORDER BY pc.cluster, pc.namespace, pc.name, pc.uid, pc.container
          """)
  List<ContainerRow> containers(@Define("where") String where, @BindMethods ProbeFilter filter);

  /**
   * Counters per group; {@code key} selects the four key columns (null where not grouped) and
   * {@code groupBy} the grouping ({@code ()} for one row over everything) — both fixed fragments
   * from {@link Grouping}.
   */
  @SqlQuery(
      FACTS
          + """
          , per_container AS (
            -- one row per container (and per pod, level 'pod') first: counting distinct pods and containers over
            -- these is cheap, over every contribution it is not
            SELECT cluster, uid, namespace, workload_kind, workload_name, container, level,
                   sum(liveness) AS liveness, sum(readiness) AS readiness, sum(startup) AS startup,
                   sum(restarts) AS restarts, sum(liveness_restarts) AS liveness_restarts,
                   sum(startup_restarts) AS startup_restarts, sum(unobserved) AS unobserved, sum(flaps) AS flaps,
                   sum(ready_flaps) AS ready_flaps, sum(containers_ready_flaps) AS containers_ready_flaps,
                   sum(not_ready) AS not_ready
            FROM facts
            GROUP BY cluster, uid, namespace, workload_kind, workload_name, container, level
          ),
          grouped AS (
            SELECT <key>, count(DISTINCT uid) AS pods,
                   count(*) FILTER (WHERE level = 'container') AS containers,
                   sum(liveness)::bigint AS liveness_failures, sum(readiness)::bigint AS readiness_failures,
                   sum(startup)::bigint AS startup_failures, sum(restarts)::bigint AS restarts,
                   sum(liveness_restarts)::bigint AS liveness_restarts,
                   sum(startup_restarts)::bigint AS startup_probe_restarts,
                   sum(unobserved)::bigint AS unobserved_restarts, sum(flaps)::bigint AS readiness_flaps,
                   coalesce(sum(not_ready) FILTER (WHERE level = 'container'), 0) AS not_ready_seconds,
                   sum(ready_flaps)::bigint AS pod_ready_flaps,
                   sum(containers_ready_flaps)::bigint AS containers_ready_flaps,
                   coalesce(sum(not_ready) FILTER (WHERE level = 'pod'), 0) AS pod_not_ready_seconds
            FROM per_container GROUP BY <groupBy>
          ),
          reason_groups AS (
            SELECT k1, k2, k3, k4, jsonb_object_agg(reason, n) AS by_reason
            FROM (SELECT <key>, reason, sum(reason_n) AS n FROM facts WHERE reason IS NOT NULL
                  GROUP BY <groupBy>, reason) r
            GROUP BY k1, k2, k3, k4
          )
          SELECT g.k1 AS cluster, g.k2 AS namespace, g.k3 AS workload_kind, g.k4 AS workload_name,
                 g.pods, g.containers,
                 coalesce(g.liveness_failures, 0) AS liveness_failures,
                 coalesce(g.readiness_failures, 0) AS readiness_failures,
                 coalesce(g.startup_failures, 0) AS startup_failures,
                 coalesce(g.restarts, 0) AS restarts,
                 coalesce(g.liveness_restarts, 0) AS liveness_restarts,
                 coalesce(g.startup_probe_restarts, 0) AS startup_probe_restarts,
                 coalesce(g.unobserved_restarts, 0) AS unobserved_restarts,
                 coalesce(rg.by_reason, '{}'::jsonb)::text AS restarts_by_reason,
                 coalesce(g.readiness_flaps, 0) AS readiness_flaps,
                 g.not_ready_seconds,
                 coalesce(g.pod_ready_flaps, 0) AS pod_ready_flaps,
                 coalesce(g.containers_ready_flaps, 0) AS containers_ready_flaps,
                 g.pod_not_ready_seconds
          FROM grouped g
          LEFT JOIN reason_groups rg
            ON rg.k1 IS NOT DISTINCT FROM g.k1 AND rg.k2 IS NOT DISTINCT FROM g.k2
           AND rg.k3 IS NOT DISTINCT FROM g.k3 AND rg.k4 IS NOT DISTINCT FROM g.k4
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
    NAMESPACE(
        "cluster AS k1, namespace AS k2, NULL::text AS k3, NULL::text AS k4", "cluster, namespace"),
    ALL("NULL::text AS k1, NULL::text AS k2, NULL::text AS k3, NULL::text AS k4", "()");

    final String key;
    final String groupBy;

    Grouping(String key, String groupBy) {
      this.key = key;
      this.groupBy = groupBy;
    }
  }
}
