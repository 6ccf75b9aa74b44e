package dev.podlife.analyzer.probes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import dev.podlife.events.ContainerSpec;
import dev.podlife.events.Probe;

/** The probes projection's tables (migrations V30, V76). */
interface ProbeRows {

  /**
   * The probe configuration columns of {@code probe_container}, the one place they are listed: the
   * projection writes a container's spec through it and the probes report reads it back (then as
   * {@link ProbesReport.Probes}). One probe's columns are null when the container has no such
   * probe.
   */
  record ProbeSettings(
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
      Integer startupFailureThreshold) {

    static ProbeSettings of(ContainerSpec spec) {
      Probe l = spec.livenessProbe();
      Probe r = spec.readinessProbe();
      Probe s = spec.startupProbe();
      return new ProbeSettings(
          l == null ? null : l.handler(),
          l == null ? null : l.initialDelaySeconds(),
          l == null ? null : l.periodSeconds(),
          l == null ? null : l.timeoutSeconds(),
          l == null ? null : l.failureThreshold(),
          r == null ? null : r.handler(),
          r == null ? null : r.initialDelaySeconds(),
          r == null ? null : r.periodSeconds(),
          r == null ? null : r.timeoutSeconds(),
          r == null ? null : r.failureThreshold(),
          s == null ? null : s.handler(),
          s == null ? null : s.initialDelaySeconds(),
          s == null ? null : s.periodSeconds(),
          s == null ? null : s.timeoutSeconds(),
          s == null ? null : s.failureThreshold());
    }

    /** The configuration as the report shows it: a probe the container does not have is null. */
    ProbesReport.Probes probes() {
      return new ProbesReport.Probes(
          ProbesReport.ProbeConfig.of(
              livenessHandler,
              livenessInitialDelaySeconds,
              livenessPeriodSeconds,
              livenessTimeoutSeconds,
              livenessFailureThreshold),
          ProbesReport.ProbeConfig.of(
              readinessHandler,
              readinessInitialDelaySeconds,
              readinessPeriodSeconds,
              readinessTimeoutSeconds,
              readinessFailureThreshold),
          ProbesReport.ProbeConfig.of(
              startupHandler,
              startupInitialDelaySeconds,
              startupPeriodSeconds,
              startupTimeoutSeconds,
              startupFailureThreshold));
    }
  }

  /** A container's kind and probe configuration, as written to {@code probe_container}. */
  record ContainerConfig(
      String cluster, String podUid, String container, String kind, ProbeSettings settings) {

    static ContainerConfig of(String cluster, String podUid, ContainerSpec spec) {
      return new ContainerConfig(
          cluster, podUid, spec.name(), spec.kind().name(), ProbeSettings.of(spec));
    }
  }

  record EventCount(String cluster, String eventUid, int lastCount) {}

  record ProbeEventRow(
      long factId,
      String cluster,
      String podUid,
      String container,
      String kind,
      String eventUid,
      Instant at,
      int occurrences) {}

  /**
   * @param termination what identifies the termination that ended the run, null when unobserved
   */
  record RestartRow(
      String cluster,
      String podUid,
      String container,
      int restartNumber,
      boolean observed,
      String termination,
      String reason,
      Integer exitCode,
      Instant runStartedAt,
      Instant at,
      long factId) {}

  record FlapRow(
      long factId, String cluster, String podUid, String scope, String container, Instant at) {}

  record NotReadyRow(
      String cluster, String podUid, String container, Instant startedAt, Instant endedAt) {}

  record RunRow(String cluster, String podUid, String container, Instant startedAt) {}

  @SqlBatch(
      """
      INSERT INTO probe_container (cluster, pod_uid, container, kind,
          liveness_handler, liveness_initial_delay_seconds, liveness_period_seconds, liveness_timeout_seconds,
          liveness_failure_threshold,
          readiness_handler, readiness_initial_delay_seconds, readiness_period_seconds, readiness_timeout_seconds,
          readiness_failure_threshold,
          startup_handler, startup_initial_delay_seconds, startup_period_seconds, startup_timeout_seconds,
          startup_failure_threshold)
      VALUES (:cluster, :podUid, :container, :kind,
          :settings.livenessHandler, :settings.livenessInitialDelaySeconds, :settings.livenessPeriodSeconds,
          :settings.livenessTimeoutSeconds, :settings.livenessFailureThreshold,
          :settings.readinessHandler, :settings.readinessInitialDelaySeconds, :settings.readinessPeriodSeconds,
          :settings.readinessTimeoutSeconds, :settings.readinessFailureThreshold,
          :settings.startupHandler, :settings.startupInitialDelaySeconds, :settings.startupPeriodSeconds,
          :settings.startupTimeoutSeconds, :settings.startupFailureThreshold)
      ON CONFLICT (cluster, pod_uid, container) DO UPDATE SET
          kind = excluded.kind,
          liveness_handler = excluded.liveness_handler,
          liveness_initial_delay_seconds = excluded.liveness_initial_delay_seconds,
          liveness_period_seconds = excluded.liveness_period_seconds,
          liveness_timeout_seconds = excluded.liveness_timeout_seconds,
          liveness_failure_threshold = excluded.liveness_failure_threshold,
          readiness_handler = excluded.readiness_handler,
          readiness_initial_delay_seconds = excluded.readiness_initial_delay_seconds,
          readiness_period_seconds = excluded.readiness_period_seconds,
          readiness_timeout_seconds = excluded.readiness_timeout_seconds,
          readiness_failure_threshold = excluded.readiness_failure_threshold,
          startup_handler = excluded.startup_handler,
          startup_initial_delay_seconds = excluded.startup_initial_delay_seconds,
          startup_period_seconds = excluded.startup_period_seconds,
          startup_timeout_seconds = excluded.startup_timeout_seconds,
          startup_failure_threshold = excluded.startup_failure_threshold
      """)
  void upsertContainers(@BindMethods List<ContainerConfig> rows);

  @SqlQuery(
      "SELECT last_count FROM probe_event_count WHERE cluster = :cluster AND event_uid = :eventUid")
  Optional<Integer> lastCount(@Bind("cluster") String cluster, @Bind("eventUid") String eventUid);

  /** {@link #lastCount} of several Events (parallel arrays) in one query; those counted before. */
  @SqlQuery(
      """
      SELECT c.cluster, c.event_uid, c.last_count FROM probe_event_count c
        JOIN unnest(CAST(:clusters AS text[]), CAST(:eventUids AS text[])) AS k(cluster, event_uid)
          ON c.cluster = k.cluster AND c.event_uid = k.event_uid
      """)
  @RegisterConstructorMapper(EventCount.class)
  List<EventCount> lastCounts(
      @Bind("clusters") String[] clusters, @Bind("eventUids") String[] eventUids);

  /** A termination that explained a stored restart of the container. */
  record CountedTermination(String cluster, String podUid, String container, String termination) {}

  /**
   * The terminations that explained the stored restarts of these pods (parallel arrays): {@link
   * #terminationCounted} for all their containers in one query.
   */
  @SqlQuery(
      """
      SELECT DISTINCT r.cluster, r.pod_uid, r.container, r.termination FROM probe_restart r
        JOIN unnest(CAST(:clusters AS text[]), CAST(:podUids AS text[])) AS k(cluster, pod_uid)
          ON r.cluster = k.cluster AND r.pod_uid = k.pod_uid
      WHERE r.termination IS NOT NULL
      """)
  @RegisterConstructorMapper(CountedTermination.class)
  List<CountedTermination> countedTerminations(
      @Bind("clusters") String[] clusters, @Bind("podUids") String[] podUids);

  /** Whether an earlier restart of the container was already explained by this termination. */
  @SqlQuery(
      """
      SELECT EXISTS (SELECT 1 FROM probe_restart
                     WHERE cluster = :cluster AND pod_uid = :podUid AND container = :container
                       AND termination = :termination)
      """)
  boolean terminationCounted(
      @Bind("cluster") String cluster,
      @Bind("podUid") String podUid,
      @Bind("container") String container,
      @Bind("termination") String termination);

  @SqlBatch(
      """
      INSERT INTO probe_event_count (cluster, event_uid, last_count) VALUES (:cluster, :eventUid, :lastCount)
      ON CONFLICT (cluster, event_uid)
      DO UPDATE SET last_count = greatest(probe_event_count.last_count, excluded.last_count)
      """)
  void upsertCounts(@BindMethods List<EventCount> rows);

  @SqlBatch(
      """
      INSERT INTO probe_event (fact_id, cluster, pod_uid, container, kind, event_uid, at, occurrences)
      VALUES (:factId, :cluster, :podUid, :container, :kind, :eventUid, :at, :occurrences)
      """)
  void insertEvents(@BindMethods List<ProbeEventRow> rows);

  /**
   * The {@link RestartCause} of restart {@code r} from the probe kills stored so far: unobserved,
   * else liveness or startup when such a Killing Event of the container occurred during the run
   * (from its start, or {@code :lookbackSeconds} before its end when unknown, to {@code
   * :afterEndSeconds} after it), else termination.
   */
  String CAUSE =
      """
      CASE WHEN NOT r.observed THEN 'unobserved'
        ELSE coalesce((
          SELECT CASE WHEN bool_or(k.kind = 'liveness_kill') THEN 'liveness'
                      WHEN bool_or(k.kind = 'startup_kill') THEN 'startup' END
          FROM probe_event k
          WHERE k.cluster = r.cluster AND k.pod_uid = r.pod_uid AND k.container = r.container
            AND k.kind IN ('liveness_kill', 'startup_kill')
            AND k.at >= coalesce(r.run_started_at, r.at - make_interval(secs => :lookbackSeconds))
            AND k.at <= r.at + make_interval(secs => :afterEndSeconds)), 'termination')
      END
      """;

  /**
   * Inserts the restarts with their cause from the probe kills stored so far (write those first).
   */
  @SqlBatch(
      """
      INSERT INTO probe_restart
          (cluster, pod_uid, container, restart_number, observed, termination, reason, exit_code, run_started_at, at,
           fact_id, cause)
      SELECT r.*,\s\
      """
          + CAUSE
          + """
          FROM (VALUES (CAST(:cluster AS text), CAST(:podUid AS text), CAST(:container AS text),
                        CAST(:restartNumber AS integer), CAST(:observed AS boolean), CAST(:termination AS text),
                        CAST(:reason AS text), CAST(:exitCode AS integer), CAST(:runStartedAt AS timestamptz),
                        CAST(:at AS timestamptz), CAST(:factId AS bigint)))
            AS r (cluster, pod_uid, container, restart_number, observed, termination, reason, exit_code, run_started_at,
                  at, fact_id)
          ON CONFLICT (cluster, pod_uid, container, restart_number) DO NOTHING
          """)
  void insertRestarts(
      @BindMethods List<RestartRow> rows,
      @Bind("lookbackSeconds") double lookbackSeconds,
      @Bind("afterEndSeconds") double afterEndSeconds);

  /**
   * Recomputes the cause of the stored restarts whose run a probe kill falls in: the Killing Event
   * may arrive after the restart (relist order), and must then give the answer it gives when it
   * arrives first.
   */
  @SqlBatch(
      """
      UPDATE probe_restart r SET cause =\s\
      """
          + CAUSE
          + """
          WHERE r.cluster = :cluster AND r.pod_uid = :podUid AND r.container = :container AND r.observed
            AND CAST(:at AS timestamptz) >= coalesce(r.run_started_at, r.at - make_interval(secs => :lookbackSeconds))
            AND CAST(:at AS timestamptz) <= r.at + make_interval(secs => :afterEndSeconds)
          """)
  void explainRestarts(
      @BindMethods List<ProbeEventRow> kills,
      @Bind("lookbackSeconds") double lookbackSeconds,
      @Bind("afterEndSeconds") double afterEndSeconds);

  @SqlBatch(
      """
      INSERT INTO probe_readiness_flap (fact_id, cluster, pod_uid, scope, container, at)
      VALUES (:factId, :cluster, :podUid, :scope, :container, :at)
      """)
  void insertFlaps(@BindMethods List<FlapRow> rows);

  /** A pod's object version. */
  record VersionRow(String cluster, String podUid, String resourceVersion) {}

  /**
   * Deletes the pod-level flaps stored for these pod versions (their Ready loss ended the phase).
   */
  @SqlBatch(
      """
      DELETE FROM probe_readiness_flap p USING fact f
      WHERE p.fact_id = f.id AND p.cluster = :cluster AND p.pod_uid = :podUid
        AND p.scope IN ('Ready', 'ContainersReady') AND f.resource_version = :resourceVersion
      """)
  void retractPodFlaps(@BindMethods List<VersionRow> versions);

  /** Deletes the closed intervals of these containers (or pods) that ended where they began. */
  @SqlBatch(
      """
      DELETE FROM probe_not_ready
      WHERE cluster = :cluster AND pod_uid = :podUid AND container = :container
        AND ended_at = started_at
      """)
  void dropEmptyNotReady(@BindMethods List<NotReadyRow> rows);

  /** Ends the interval still open for the container (or pod, container ''). */
  @SqlBatch(
      """
      UPDATE probe_not_ready SET ended_at = greatest(started_at, :endedAt)
      WHERE cluster = :cluster AND pod_uid = :podUid AND container = :container AND ended_at IS NULL
      """)
  void closeNotReady(@BindMethods List<NotReadyRow> rows);

  @SqlBatch(
      """
      INSERT INTO probe_not_ready (cluster, pod_uid, container, started_at, ended_at)
      VALUES (:cluster, :podUid, :container, :startedAt, :endedAt)
      ON CONFLICT (cluster, pod_uid, container, started_at) DO NOTHING
      """)
  void insertNotReady(@BindMethods List<NotReadyRow> rows);

  @SqlBatch(
      """
      INSERT INTO probe_container_run (cluster, pod_uid, container, started_at)
      VALUES (:cluster, :podUid, :container, :startedAt)
      ON CONFLICT DO NOTHING
      """)
  void insertRuns(@BindMethods List<RunRow> rows);

  /**
   * Deletes these pods' rows from every probe table, and the last counts of the Events about them
   * (every counted Event has a {@code probe_event} row; data-modifying CTEs see the rows as they
   * were before the statement).
   */
  @SqlUpdate(
      """
      WITH gone AS (SELECT * FROM unnest(CAST(:clusters AS text[]), CAST(:uids AS text[])) AS g(cluster, pod_uid)),
      counts AS (
        DELETE FROM probe_event_count c USING probe_event e, gone g
        WHERE c.cluster = e.cluster AND c.event_uid = e.event_uid AND e.cluster = g.cluster AND e.pod_uid = g.pod_uid),
      events AS (DELETE FROM probe_event WHERE (cluster, pod_uid) IN (SELECT * FROM gone)),
      containers AS (DELETE FROM probe_container WHERE (cluster, pod_uid) IN (SELECT * FROM gone)),
      restarts AS (DELETE FROM probe_restart WHERE (cluster, pod_uid) IN (SELECT * FROM gone)),
      flaps AS (DELETE FROM probe_readiness_flap WHERE (cluster, pod_uid) IN (SELECT * FROM gone)),
      not_ready AS (DELETE FROM probe_not_ready WHERE (cluster, pod_uid) IN (SELECT * FROM gone))
      DELETE FROM probe_container_run WHERE (cluster, pod_uid) IN (SELECT * FROM gone)
      """)
  void forget(String[] clusters, String[] uids);

  @SqlUpdate(
      """
      TRUNCATE probe_container, probe_event_count, probe_event, probe_restart, probe_readiness_flap, probe_not_ready,
          probe_container_run
      """)
  void truncate();
}
