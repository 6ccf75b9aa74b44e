-- The event store: every lifecycle fact exactly once, identified by its natural key
-- (cluster, pod uid, type, subject, resourceVersion) so that Kafka re-deliveries and collector relists are no-ops.
CREATE TABLE fact (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cluster          text        NOT NULL,
    pod_uid          text        NOT NULL,
    fact_type        text        NOT NULL,
    subject          text        NOT NULL DEFAULT '',
    resource_version text        NOT NULL,
    namespace        text        NOT NULL,
    pod_name         text        NOT NULL,
    at               timestamptz NOT NULL,
    observed_at      timestamptz,
    stored_at        timestamptz NOT NULL DEFAULT now(),
    payload          jsonb       NOT NULL,
    -- where the fact came from: topic/partition/offset for the live pipeline, null for offline analysis
    source_topic     text,
    source_partition integer,
    source_offset    bigint,
    CONSTRAINT fact_natural_key UNIQUE (cluster, pod_uid, fact_type, subject, resource_version)
);
CREATE INDEX fact_by_pod_time ON fact (cluster, pod_uid, at, id);
CREATE INDEX fact_by_time ON fact (at);
CREATE INDEX fact_by_type_time ON fact (fact_type, at);

-- Projection: the current state of every pod, with the kubectl STATUS / READY / RESTARTS columns.
-- snapshot is the PodSnapshot (events module) folded from the pod's facts.
CREATE TABLE pod (
    cluster               text        NOT NULL,
    uid                   text        NOT NULL,
    namespace             text        NOT NULL,
    name                  text        NOT NULL,
    workload_kind         text,
    workload_name         text,
    node                  text,
    phase                 text,
    status                text        NOT NULL,
    ready                 text        NOT NULL,
    restarts              integer     NOT NULL DEFAULT 0,
    created_at            timestamptz,
    deletion_requested_at timestamptz,
    deleted_at            timestamptz,
    resource_version      text,
    updated_at            timestamptz NOT NULL,
    last_fact_id          bigint      NOT NULL,
    snapshot              jsonb       NOT NULL,
    PRIMARY KEY (cluster, uid)
);
-- keyset pagination of GET /api/v1/pods walks (cluster, namespace, name, uid)
CREATE UNIQUE INDEX pod_listing ON pod (cluster, namespace, name, uid);
CREATE INDEX pod_by_workload ON pod (cluster, namespace, workload_kind, workload_name);
CREATE INDEX pod_by_status ON pod (status);

-- Projection: each pod's lifecycle in time order, one row per fact, with the kubectl columns as they were after it
-- (the STATUS column over time).
CREATE TABLE pod_history (
    fact_id   bigint      PRIMARY KEY REFERENCES fact (id) ON DELETE CASCADE,
    cluster   text        NOT NULL,
    pod_uid   text        NOT NULL,
    at        timestamptz NOT NULL,
    fact_type text        NOT NULL,
    subject   text        NOT NULL,
    summary   text        NOT NULL,
    status    text        NOT NULL,
    ready     text        NOT NULL,
    restarts  integer     NOT NULL
);
CREATE INDEX pod_history_by_pod ON pod_history (cluster, pod_uid, at, fact_id);

-- Records from the facts topic that could not be read as facts (poison messages): kept, never silently dropped.
CREATE TABLE dead_letter (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic       text        NOT NULL,
    partition   integer     NOT NULL,
    "offset"    bigint      NOT NULL,
    record_key  text,
    record_value bytea,
    error       text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT dead_letter_source UNIQUE (topic, partition, "offset")
);
