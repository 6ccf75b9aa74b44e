-- A sidecar (restartable init container, KEP-753) that exited 0 or 143 once every regular container of its pod had
-- terminated was stopped by the kubelet at the pod's end (a Job's sidecar after its main container completed, or
-- after the main containers on deletion): not an abnormal termination. The analyzer's TerminationProjection no
-- longer stores such exits (TerminationProjection.clean); this removes the rows stored before, judged against the
-- pod's stored snapshot (its containers' last states), so an existing database converts without a rebuild.
DELETE FROM termination t
USING pod p
WHERE p.cluster = t.cluster AND p.uid = t.pod_uid
  AND t.container_kind = 'SIDECAR' AND t.exit_code IN (0, 143) AND t.finished_at IS NOT NULL
  AND EXISTS (
    SELECT 1 FROM jsonb_array_elements(coalesce(p.snapshot->'containers', '[]'::jsonb)) c
    WHERE c->>'kind' = 'REGULAR')
  AND NOT EXISTS (
    SELECT 1 FROM jsonb_array_elements(coalesce(p.snapshot->'containers', '[]'::jsonb)) c
    WHERE c->>'kind' = 'REGULAR'
      AND NOT (c->'state'->>'state' = 'terminated'
               AND (c->'state'->>'finishedAt')::timestamptz <= t.finished_at));
