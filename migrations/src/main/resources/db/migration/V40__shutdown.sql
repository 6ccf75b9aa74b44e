-- Graceful shutdown analytics (analyzer.shutdown): one row per pod whose deletion was requested, one per container
-- that was running when it was. Durations and fractions are typed columns so that percentiles run in SQL.
CREATE TABLE shutdown_pod (
    cluster               text        NOT NULL,
    pod_uid               text        NOT NULL,
    namespace             text        NOT NULL,
    pod_name              text        NOT NULL,
    workload_kind         text,
    workload_name         text,
    -- the FIRST delete request's acceptance time (deletionTimestamp − deletionGracePeriodSeconds): the anchor
    deletion_requested_at timestamptz NOT NULL,
    -- the latest deletionTimestamp and deletionGracePeriodSeconds: a later DELETE may only shorten them
    deletion_timestamp    timestamptz NOT NULL,
    grace_period_seconds  bigint,
    cause                 text        NOT NULL,
    -- the pod object is gone (DELETED); gone_observed_at is the collector's clock, null offline or on a relist
    gone                  boolean     NOT NULL DEFAULT false,
    gone_observed_at      timestamptz,
    pod_gone_ms           bigint,
    PRIMARY KEY (cluster, pod_uid)
);
CREATE INDEX shutdown_pod_by_time ON shutdown_pod (deletion_requested_at);
CREATE INDEX shutdown_pod_by_workload ON shutdown_pod (cluster, namespace, workload_kind, workload_name, deletion_requested_at);

CREATE TABLE shutdown_container (
    cluster               text             NOT NULL,
    pod_uid               text             NOT NULL,
    container             text             NOT NULL,
    -- the kubelet's order of the pod's containers (init and sidecars first)
    position              integer          NOT NULL,
    prestop_configured    boolean,
    prestop_failed        boolean          NOT NULL DEFAULT false,
    killing_at            timestamptz,
    finished_at           timestamptz,
    exit_code             integer,
    reason                text,
    seconds_to_exit_ms    bigint,
    grace_used            double precision,
    -- clean, killed_after_grace, oom_killed, error_exit, unknown; null while the container is still stopping
    outcome               text,
    PRIMARY KEY (cluster, pod_uid, container),
    FOREIGN KEY (cluster, pod_uid) REFERENCES shutdown_pod (cluster, pod_uid) ON DELETE CASCADE
);
