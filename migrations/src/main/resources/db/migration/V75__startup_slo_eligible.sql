-- The startup SLO's verdict, computed once by the analyzer's StartupProjection and read by the SLO report, the
-- startup_p99 alert and the CLI: a pod counts when it started, is stateless, was never reported Unschedulable and has
-- an SLI. Backfilled here so that an existing database converts without a rebuild.
ALTER TABLE pod_startup ADD COLUMN slo_eligible boolean NOT NULL DEFAULT false;

UPDATE pod_startup
SET slo_eligible = started AND coalesce(stateless, false) AND NOT unschedulable AND sli_ms IS NOT NULL;
