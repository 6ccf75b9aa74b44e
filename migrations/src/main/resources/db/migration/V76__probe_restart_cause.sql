-- Each restart's cause, computed once by the analyzer's ProbesProjection (and recomputed when a Killing Event of the
-- run arrives after the restart) instead of joined by every reader:
--   unobserved  the termination that ended the run was never seen (a restartCount jump);
--   liveness    a `Killing … failed liveness probe` Event of the container fell in the run: from its start (10 minutes
--               before its end when the start is unknown) to 5 seconds after its end;
--   startup     the same for a startup probe kill (a liveness kill wins when both fell in it);
--   termination otherwise: the run ended for its termination's reason (column reason).
-- The window is RestartCause's (analyzer.probes); this backfill spells it out once for the rows already stored.
ALTER TABLE probe_restart ADD COLUMN cause text;

UPDATE probe_restart r
SET cause = CASE
  WHEN NOT r.observed THEN 'unobserved'
  ELSE coalesce((
    SELECT CASE WHEN bool_or(k.kind = 'liveness_kill') THEN 'liveness'
                WHEN bool_or(k.kind = 'startup_kill') THEN 'startup' END
    FROM probe_event k
    WHERE k.cluster = r.cluster AND k.pod_uid = r.pod_uid AND k.container = r.container
      AND k.kind IN ('liveness_kill', 'startup_kill')
      AND k.at >= coalesce(r.run_started_at, r.at - interval '10 minutes')
      AND k.at <= r.at + interval '5 seconds'), 'termination')
END;

ALTER TABLE probe_restart
  ALTER COLUMN cause SET NOT NULL,
  ADD CONSTRAINT probe_restart_cause CHECK (cause IN ('unobserved', 'liveness', 'startup', 'termination'));
