package dev.podlife.analyzer.audit;

import java.math.BigDecimal;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.AllowUnusedBindings;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * What the audit reads from the {@code pod} and {@code fact} tables, which have no typed read model on this branch
 * (pods/history and startup own them): the latest spec per workload, the times to exit and the init share. Terminations
 * and shutdowns are read through {@link dev.podlife.analyzer.terminations.Terminations} and {@link
 * dev.podlife.analyzer.shutdown.Shutdowns}.
 */
@RegisterConstructorMapper(AuditRows.LatestSpec.class)
@RegisterConstructorMapper(AuditRows.ScopedPod.class)
@RegisterConstructorMapper(AuditRows.ExitTimes.class)
@RegisterConstructorMapper(AuditRows.InitShare.class)
@AllowUnusedBindings
interface AuditRows {

  /** The newest pod of a workload (its spec is the one to fix) and how many pods the workload had. */
  record LatestSpec(
      String cluster, String namespace, String workloadKind, String workloadName, String uid, String pod, long pods,
      String snapshot) {}

  @SqlQuery(
      """
      SELECT DISTINCT ON (p.cluster, p.namespace, p.workload_kind, p.workload_name)
             p.cluster, p.namespace, p.workload_kind, p.workload_name, p.uid, p.name AS pod,
             count(*) OVER (PARTITION BY p.cluster, p.namespace, p.workload_kind, p.workload_name) AS pods,
             p.snapshot::text AS snapshot
      FROM pod p WHERE <where>
      ORDER BY p.cluster, p.namespace, p.workload_kind, p.workload_name, p.created_at DESC NULLS LAST, p.uid""")
  List<LatestSpec> latestSpecs(@Define("where") String where, @BindMethods AuditScope scope);

  /** A pod in the audit's scope and its workload. */
  record ScopedPod(String cluster, String uid, String namespace, String workloadKind, String workloadName) {}

  @SqlQuery("SELECT p.cluster, p.uid, p.namespace, p.workload_kind, p.workload_name FROM pod p WHERE <where>")
  List<ScopedPod> pods(@Define("where") String where, @BindMethods AuditScope scope);

  /**
   * Per workload, the time from each delete request to the pod's last container exit (or, when no exit was seen, its
   * removal), against the grace period the deletion had; {@code uids} are the deleted pods.
   */
  record ExitTimes(
      String cluster, String namespace, String workloadKind, String workloadName, long pods, BigDecimal p50Seconds,
      BigDecimal p99Seconds, BigDecimal maxSeconds, BigDecimal graceSeconds, String[] uids) {}

  @SqlQuery(
      """
      WITH exits AS (
        SELECT p.cluster, p.namespace, p.workload_kind, p.workload_name, p.uid,
               extract(epoch FROM coalesce(
                 (SELECT max((c->'state'->>'finishedAt')::timestamptz)
                  FROM jsonb_array_elements(p.snapshot->'containers') c
                  WHERE c->'state'->>'state' = 'terminated' AND c->>'kind' IN ('REGULAR', 'SIDECAR')
                    AND (c->'state'->>'finishedAt')::timestamptz >= p.deletion_requested_at),
                 p.deleted_at) - p.deletion_requested_at) AS seconds,
               coalesce((p.snapshot->>'deletionGracePeriodSeconds')::numeric,
                        (p.snapshot->'spec'->>'terminationGracePeriodSeconds')::numeric, 30) AS grace
        FROM pod p
        WHERE <where> AND p.deletion_requested_at IS NOT NULL
      )
      SELECT e.cluster, e.namespace, e.workload_kind, e.workload_name, count(*) AS pods,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY e.seconds) AS p50_seconds,
             percentile_disc(0.99) WITHIN GROUP (ORDER BY e.seconds) AS p99_seconds,
             max(e.seconds) AS max_seconds, max(e.grace) AS grace_seconds, array_agg(e.uid) AS uids
      FROM exits e WHERE e.seconds IS NOT NULL
      GROUP BY e.cluster, e.namespace, e.workload_kind, e.workload_name""")
  List<ExitTimes> exitTimes(@Define("where") String where, @BindMethods AuditScope scope);

  /**
   * Per workload, how long its pods' init containers ran (first start to last finish) against their whole startup
   * (creation to first Ready), as medians over the pods that have both.
   */
  record InitShare(
      String cluster, String namespace, String workloadKind, String workloadName, long pods, BigDecimal p50InitSeconds,
      BigDecimal p50StartupSeconds, BigDecimal p50Share) {}

  @SqlQuery(
      """
      WITH startup AS (
        SELECT p.cluster, p.namespace, p.workload_kind, p.workload_name,
               -- from the first run's start (a failed run is kept in lastTerminated) to the last finish
               (SELECT extract(epoch FROM max((c->'state'->>'finishedAt')::timestamptz)
                                         - min(least((c->'state'->>'startedAt')::timestamptz,
                                                     (c->'lastTerminated'->>'startedAt')::timestamptz)))
                FROM jsonb_array_elements(p.snapshot->'containers') c
                WHERE c->>'kind' = 'INIT' AND c->'state'->>'state' = 'terminated') AS init_seconds,
               (SELECT extract(epoch FROM min(f.at) - p.created_at)
                FROM fact f
                WHERE f.cluster = p.cluster AND f.pod_uid = p.uid AND f.fact_type = 'ConditionChanged'
                  AND f.subject = 'Ready' AND f.payload->'condition'->>'status' = 'True') AS startup_seconds
        FROM pod p WHERE <where>
      )
      SELECT cluster, namespace, workload_kind, workload_name, count(*) AS pods,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY init_seconds) AS p50_init_seconds,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY startup_seconds) AS p50_startup_seconds,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY init_seconds / startup_seconds) AS p50_share
      FROM startup
      WHERE init_seconds IS NOT NULL AND startup_seconds > 0
      GROUP BY cluster, namespace, workload_kind, workload_name""")
  List<InitShare> initShares(@Define("where") String where, @BindMethods AuditScope scope);
}
