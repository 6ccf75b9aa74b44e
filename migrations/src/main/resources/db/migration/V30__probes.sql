-- Probes feature: probe failures counted from Unhealthy Events, restarts with their cause, readiness flaps and time
-- not ready, next to each container's probe configuration. Every table is a projection of the fact table: emptied
-- and replayed by `podlife analyzer --rebuild`.

-- Each container's kind and probe configuration, from the pod spec (PodObserved).
CREATE TABLE probe_container (
    cluster                        text NOT NULL,
    pod_uid                        text NOT NULL,
    container                      text NOT NULL,
    kind                           text NOT NULL,
    liveness_handler               text,
    liveness_initial_delay_seconds integer,
    liveness_period_seconds        integer,
    liveness_timeout_seconds       integer,
    liveness_failure_threshold     integer,
    readiness_handler              text,
    readiness_initial_delay_seconds integer,
    readiness_period_seconds       integer,
    readiness_timeout_seconds      integer,
    readiness_failure_threshold    integer,
    startup_handler                text,
    startup_initial_delay_seconds  integer,
    startup_period_seconds         integer,
    startup_timeout_seconds        integer,
    startup_failure_threshold      integer,
    PRIMARY KEY (cluster, pod_uid, container)
);

-- The highest occurrence count seen per Event object, so that each update adds only its increment and a relisted
-- Event at a new resourceVersion with the same count adds nothing.
CREATE TABLE probe_event_count (
    cluster    text    NOT NULL,
    event_uid  text    NOT NULL,
    last_count integer NOT NULL,
    PRIMARY KEY (cluster, event_uid)
);

-- Occurrences of probe failures (Unhealthy) and probe kills (Killing … failed liveness/startup probe): one row per
-- Event update that raised the count, timed by the Event's last occurrence.
CREATE TABLE probe_event (
    fact_id     bigint      PRIMARY KEY REFERENCES fact (id) ON DELETE CASCADE,
    cluster     text        NOT NULL,
    pod_uid     text        NOT NULL,
    container   text        NOT NULL,
    kind        text        NOT NULL
        CHECK (kind IN ('liveness', 'readiness', 'startup', 'liveness_kill', 'startup_kill')),
    event_uid   text        NOT NULL,
    at          timestamptz NOT NULL,
    occurrences integer     NOT NULL CHECK (occurrences > 0)
);
CREATE INDEX probe_event_by_container ON probe_event (cluster, pod_uid, container, at);
CREATE INDEX probe_event_by_time ON probe_event (at);

-- One row per restartCount increment; observed = the termination that ended the run was seen (as the state or as
-- lastState.terminated), and termination identifies it (containerID, else finishedAt) so it explains one restart only.
-- at = the termination's finishedAt, or for an unobserved restart the time of the status that revealed it.
CREATE TABLE probe_restart (
    cluster        text        NOT NULL,
    pod_uid        text        NOT NULL,
    container      text        NOT NULL,
    restart_number integer     NOT NULL,
    observed       boolean     NOT NULL,
    termination    text,
    reason         text,
    exit_code      integer,
    run_started_at timestamptz,
    at             timestamptz NOT NULL,
    fact_id        bigint      NOT NULL,
    PRIMARY KEY (cluster, pod_uid, container, restart_number)
);
CREATE INDEX probe_restart_by_time ON probe_restart (at);

-- Readiness True→False: of a container while it keeps running (scope 'container'), or of the pod's Ready and
-- ContainersReady conditions (container '').
CREATE TABLE probe_readiness_flap (
    fact_id   bigint      NOT NULL REFERENCES fact (id) ON DELETE CASCADE,
    cluster   text        NOT NULL,
    pod_uid   text        NOT NULL,
    scope     text        NOT NULL CHECK (scope IN ('container', 'Ready', 'ContainersReady')),
    container text        NOT NULL,
    at        timestamptz NOT NULL,
    PRIMARY KEY (fact_id, scope, container)
);
CREATE INDEX probe_readiness_flap_by_pod ON probe_readiness_flap (cluster, pod_uid, container, at);

-- Intervals not ready while running (a container running but not ready; the pod Running but not Ready), not
-- counting shutdown; ended_at is null while it lasts.
CREATE TABLE probe_not_ready (
    cluster    text        NOT NULL,
    pod_uid    text        NOT NULL,
    container  text        NOT NULL,
    started_at timestamptz NOT NULL,
    ended_at   timestamptz,
    PRIMARY KEY (cluster, pod_uid, container, started_at)
);

-- Each run of a container (running.startedAt), to time the first probe failure after a start.
CREATE TABLE probe_container_run (
    cluster    text        NOT NULL,
    pod_uid    text        NOT NULL,
    container  text        NOT NULL,
    started_at timestamptz NOT NULL,
    PRIMARY KEY (cluster, pod_uid, container, started_at)
);
