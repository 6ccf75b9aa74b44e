-- Startup latency: one row per pod (its first start only; container restarts are not startups), fed by the analyzer's
-- StartupProjection. Timestamps and durations are typed columns so that percentiles over a window run in SQL.
-- A pod belongs to the window that contains its creationTimestamp (`created`).

-- A transition's latency in whole milliseconds as clusterloader2 counts it: negative latencies clamp to 0, a missing
-- end is null (the pod is then not counted for that transition).
CREATE FUNCTION startup_ms(from_time timestamptz, to_time timestamptz) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    -- (not greatest(0, …): it ignores nulls and would turn an unknown end into 0)
    AS $$ SELECT CASE WHEN to_time < from_time THEN 0
                      ELSE round(extract(epoch FROM to_time - from_time) * 1000)::bigint END $$;

CREATE TABLE pod_startup (
    cluster            text        NOT NULL,
    uid                text        NOT NULL,
    namespace          text        NOT NULL,
    name               text        NOT NULL,
    workload_kind      text,
    workload_name      text,
    node               text,
    created            timestamptz,
    -- the scheduler's Scheduled Event (eventTime, else firstTimestamp), else PodScheduled's lastTransitionTime
    scheduled          timestamptz,
    scheduled_by_event boolean     NOT NULL DEFAULT false,
    initialized        timestamptz,
    -- the latest first start (state.running.startedAt) over the regular containers
    running            timestamptz,
    ready              timestamptz,
    -- when the collector first observed phase Running (live pipeline only)
    watched            timestamptz,
    image_pull_ms      bigint,
    init_ms            bigint,
    -- only emptyDir, configMap, secret, downwardAPI and projected volumes
    stateless          boolean,
    -- the scheduler once reported the pod Unschedulable: not a "schedulable pod" of the SLO
    unschedulable      boolean     NOT NULL DEFAULT false,
    started            boolean     GENERATED ALWAYS AS (running IS NOT NULL) STORED,
    -- each transition's latency (clusterloader2's names; pod_startup is create → watch), typed so that percentiles
    -- over millions of pods are plain sorts of bigints
    create_to_schedule_ms bigint   GENERATED ALWAYS AS (startup_ms(created, scheduled)) STORED,
    schedule_to_run_ms    bigint   GENERATED ALWAYS AS (startup_ms(scheduled, running)) STORED,
    create_to_run_ms      bigint   GENERATED ALWAYS AS (startup_ms(created, running)) STORED,
    run_to_watch_ms       bigint   GENERATED ALWAYS AS (startup_ms(running, watched)) STORED,
    schedule_to_watch_ms  bigint   GENERATED ALWAYS AS (startup_ms(scheduled, watched)) STORED,
    pod_startup_ms        bigint   GENERATED ALWAYS AS (startup_ms(created, watched)) STORED,
    create_to_ready_ms    bigint   GENERATED ALWAYS AS (startup_ms(created, ready)) STORED,
    run_to_ready_ms       bigint   GENERATED ALWAYS AS (startup_ms(running, ready)) STORED,
    -- the pod startup SLI: creation to all containers started and observed (watched; running where no watch time is
    -- known, e.g. offline), minus image pulls and init containers
    sli_ms                bigint   GENERATED ALWAYS AS (
        CASE WHEN running IS NOT NULL THEN
          greatest(0, startup_ms(created, coalesce(watched, running)) - coalesce(image_pull_ms, 0) - coalesce(init_ms, 0))
        END
    ) STORED,
    waiting_reason     text,
    waiting_since      timestamptz,
    deleted_at         timestamptz,
    -- per container: first start and image pull time (details for one pod, never aggregated from here)
    container_starts   jsonb       NOT NULL DEFAULT '{}',
    image_pulls        jsonb       NOT NULL DEFAULT '{}',
    init_containers    jsonb       NOT NULL DEFAULT '{}',
    -- the spec's regular container names: running is set once each of them has started
    regular_containers jsonb       NOT NULL DEFAULT '[]',
    PRIMARY KEY (cluster, uid)
);
CREATE INDEX pod_startup_by_created ON pod_startup (created);
CREATE INDEX pod_startup_by_uid ON pod_startup (uid);

