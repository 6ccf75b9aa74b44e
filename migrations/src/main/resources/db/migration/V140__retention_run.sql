-- One row per retention run of the analyzer (--retention / --max-storage), so that what was dropped, when and why is
-- auditable and shown by the storage report (GET /api/v1/storage).
CREATE TABLE retention_run (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at         timestamptz NOT NULL,
    finished_at        timestamptz NOT NULL,
    -- the first UTC day kept: facts, history rows and dead letters before it are gone; null when nothing was dropped
    cutoff             date,
    -- why days were dropped: 'age' (older than --retention), 'size' (over --max-storage), or both; 'none' if nothing
    reason             text        NOT NULL CHECK (reason IN ('none', 'age', 'size', 'age+size')),
    retention_seconds  bigint,      -- the configured --retention, if any
    max_storage_bytes  bigint,      -- the configured --max-storage, if any
    partitions_dropped integer     NOT NULL, -- day partitions of fact and pod_history dropped (two per day)
    days_dropped       date[]      NOT NULL,
    pods_forgotten     integer     NOT NULL, -- pods with no fact left, removed from every projection
    dead_letters_deleted integer   NOT NULL,
    bytes_before       bigint      NOT NULL, -- the store's size measured before the run (pg_total_relation_size)
    bytes_freed        bigint      NOT NULL, -- the dropped partitions' size
    -- set when --max-storage could not be met by dropping days (only today's and tomorrow's left, or the rest is
    -- projections): says so in words
    limit_not_met      text
);
CREATE INDEX retention_run_by_time ON retention_run (started_at DESC);
