-- Each termination's disruption, decided once by the analyzer's TerminationProjection from the pod's DisruptionTarget
-- condition True at or before the exit (analyzer.shutdown.Disruption, the one reading of that condition):
--   preemption     PreemptionByScheduler
--   taint_manager  DeletionByTaintManager (a NoExecute taint)
--   eviction       EvictionByEvictionAPI (kubectl drain)
--   pod_gc         DeletionByPodGC
--   node_pressure  TerminationByKubelet, or phase reason Evicted (kubelet eviction under node pressure)
--   node_shutdown  TerminationByKubelet with the graceful node shutdown message, or phase reason Shutdown/Terminated
-- null when nothing disrupted the pod (a crash, an OOM kill, a plain delete).
-- Backfilled here from the pods' stored snapshots (their last known conditions) so an existing database converts
-- without a rebuild; the projection writes the same for new rows.
ALTER TABLE termination ADD COLUMN disruption text;

WITH pod_disruption AS (
  SELECT p.cluster, p.uid,
         p.snapshot->>'reason' AS phase_reason,
         p.snapshot->>'message' AS phase_message,
         c->>'reason' AS condition_reason,
         c->>'message' AS condition_message,
         (c->>'lastTransitionTime')::timestamptz AS since
  FROM pod p
  LEFT JOIN LATERAL (
    SELECT c FROM jsonb_array_elements(coalesce(p.snapshot->'conditions', '[]'::jsonb)) c
    WHERE c->>'type' = 'DisruptionTarget' AND c->>'status' = 'True'
    LIMIT 1) d ON true
)
UPDATE termination t
SET disruption = CASE
  -- a condition that became True after the exit did not cause it
  WHEN d.condition_reason IS NOT NULL AND t.container <> '' AND d.since > coalesce(t.finished_at, t.at) THEN NULL
  WHEN d.condition_reason IN ('PreemptionByScheduler', 'PreemptionByKubeScheduler') THEN 'preemption'
  WHEN d.condition_reason = 'DeletionByTaintManager' THEN 'taint_manager'
  WHEN d.condition_reason = 'EvictionByEvictionAPI' THEN 'eviction'
  WHEN d.condition_reason = 'DeletionByPodGC' THEN 'pod_gc'
  WHEN d.condition_reason = 'TerminationByKubelet' THEN
    CASE WHEN lower(coalesce(d.condition_message, '') || ' ' || coalesce(d.phase_message, '')) LIKE '%shutdown%'
         THEN 'node_shutdown' ELSE 'node_pressure' END
  -- without the condition (Kubernetes < 1.26) the kubelet's phase reason tells
  WHEN d.phase_reason = 'Shutdown'
    OR (d.phase_reason = 'Terminated' AND lower(coalesce(d.phase_message, '')) LIKE '%shutdown%')
    THEN 'node_shutdown'
  WHEN d.phase_reason = 'Evicted' THEN 'node_pressure'
END
FROM pod_disruption d
WHERE d.cluster = t.cluster AND d.uid = t.pod_uid;

ALTER TABLE termination
  ADD CONSTRAINT termination_disruption CHECK (disruption IN
    ('preemption', 'taint_manager', 'eviction', 'pod_gc', 'node_pressure', 'node_shutdown'));
CREATE INDEX termination_by_disruption ON termination (disruption, at DESC) WHERE disruption IS NOT NULL;
