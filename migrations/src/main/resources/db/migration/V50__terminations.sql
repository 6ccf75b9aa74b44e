-- Abnormal terminations, kept forever (Events live one hour). One row per distinct termination:
-- a container run that ended other than cleanly, or the pod itself ending (Evicted, Preempted, DeadlineExceeded…).
-- The same container run shows as state.terminated in one update and as lastState.terminated in later ones: its
-- identity (pod, container, run, finish) is unique, so it is stored once whichever update revealed it.
CREATE TABLE termination (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cluster         text        NOT NULL,
    pod_uid         text        NOT NULL,
    namespace       text        NOT NULL,
    pod_name        text        NOT NULL,
    workload_kind   text,
    workload_name   text,
    node            text,
    -- '' when the pod itself ended (eviction, preemption, deadline)
    container       text        NOT NULL,
    -- INIT, SIDECAR, REGULAR, EPHEMERAL; null for the pod itself
    container_kind  text,
    reason          text        NOT NULL,
    exit_code       integer,
    -- the signal number: as the runtime reports it, else inferred from an exit code 129..159 (128 + n)
    signal          integer,
    signal_name     text,
    started_at      timestamptz,
    finished_at     timestamptz,
    -- when it happened: finishedAt, else the time of the fact that revealed it
    at              timestamptz NOT NULL,
    message         text,
    restart_count   integer,
    container_id    text,
    -- the pod's deletion had been requested before: an exit during a grace period
    during_deletion boolean     NOT NULL,
    -- identity: the run (startedAt, else containerID) and its finish (finishedAt; the reason for the pod itself)
    run_key         text        NOT NULL,
    finish_key      text        NOT NULL,
    fact_id         bigint      NOT NULL REFERENCES fact (id) ON DELETE CASCADE,
    CONSTRAINT termination_identity UNIQUE (cluster, pod_uid, container, run_key, finish_key)
);
-- keyset pagination, newest first, and the per-filter walks
CREATE INDEX termination_by_time ON termination (at DESC, id DESC);
CREATE INDEX termination_by_namespace ON termination (cluster, namespace, at DESC, id DESC);
CREATE INDEX termination_by_workload ON termination (cluster, namespace, workload_kind, workload_name, at DESC);
CREATE INDEX termination_by_node ON termination (cluster, node, at DESC);
CREATE INDEX termination_by_reason ON termination (reason, at DESC);
CREATE INDEX termination_by_pod ON termination (cluster, pod_uid);

-- CrashLoopBackOff episodes of one container: from its first CrashLoopBackOff to the run that stayed up (the kubelet
-- resets the back-off after 10 minutes of running), the pod's deletion or its end. ended_at null while it lasts.
CREATE TABLE crash_loop_episode (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cluster              text        NOT NULL,
    pod_uid              text        NOT NULL,
    namespace            text        NOT NULL,
    pod_name             text        NOT NULL,
    workload_kind        text,
    workload_name        text,
    node                 text,
    container            text        NOT NULL,
    container_kind       text        NOT NULL,
    started_at           timestamptz NOT NULL,
    ended_at             timestamptz,
    -- RanStable, PodDeletionRequested, PodDeleted, PodFinished
    end_reason           text,
    restarts_at_start    integer     NOT NULL,
    restarts_at_end      integer     NOT NULL,
    -- the longest back-off the kubelet announced (waiting message or BackOff Event), in seconds
    max_back_off_seconds integer,
    CONSTRAINT crash_loop_episode_identity UNIQUE (cluster, pod_uid, container, started_at)
);
CREATE UNIQUE INDEX crash_loop_episode_open ON crash_loop_episode (cluster, pod_uid, container) WHERE ended_at IS NULL;
CREATE INDEX crash_loop_episode_by_time ON crash_loop_episode (started_at DESC, id DESC);
