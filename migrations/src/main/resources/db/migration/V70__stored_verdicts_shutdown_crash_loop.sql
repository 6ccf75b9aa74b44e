-- Verdicts computed once, by the projections, and stored so that every reader (api, alerts, cli, the audit) uses the
-- same answer instead of working the rule out again.

-- killed after grace: the shutdown outcome killed_after_grace (exit 137, not OOMKilled, at or after grace − 1 s),
-- as analyzer.shutdown.ShutdownOutcome decides it. Backfilled from the outcome already stored.
ALTER TABLE shutdown_container ADD COLUMN killed_after_grace boolean NOT NULL DEFAULT false;
UPDATE shutdown_container SET killed_after_grace = true WHERE outcome = 'killed_after_grace';
CREATE INDEX shutdown_container_killed_after_grace ON shutdown_container (cluster, pod_uid) WHERE killed_after_grace;

-- the kubelet's back-off reached its cap (analyzer.terminations.CrashLoops.BACK_OFF_CAP_SECONDS, 300 s): set by the
-- projection; the backfill uses the cap as it was when this migration was written.
ALTER TABLE crash_loop_episode ADD COLUMN back_off_cap_reached boolean NOT NULL DEFAULT false;
UPDATE crash_loop_episode SET back_off_cap_reached = true WHERE max_back_off_seconds >= 300;
