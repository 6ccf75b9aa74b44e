-- The event store partitioned by time: fact and pod_history become PARTITION BY RANGE (at), one partition per UTC
-- day (fact_pYYYYMMDD, pod_history_pYYYYMMDD, bounds [day 00:00Z, next day 00:00Z)), so that retention drops whole
-- days and a time-bounded read prunes to the days it needs. An existing database is converted in place: same ids,
-- same natural keys, same history rows; the id sequence continues after the highest id.
--
-- PostgreSQL (14) allows a unique index on a partitioned table only if it contains the partition key, and a fact
-- re-derived later may carry another `at` (FactDiff falls back to observedAt), i.e. land in another partition. So the
-- natural key (cluster, pod_uid, fact_type, subject, resource_version) is kept unique across partitions by the
-- unpartitioned dedupe table fact_key (a 16-byte hash of the key, plus the fact's `at` so that retention removes the
-- keys of the days it drops). No foreign key can reference a partitioned table's id alone: the ones that referenced
-- fact(id) are dropped; retention keeps those rows consistent instead (whole days, together).

-- The dedupe key of a natural key: md5 over the length-prefixed fields (unambiguous whatever the fields hold).
CREATE FUNCTION podlife_fact_key(cluster text, pod_uid text, fact_type text, subject text, resource_version text)
    RETURNS uuid
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT md5(length($1) || ':' || $1 || length($2) || ':' || $2 || length($3) || ':' || $3
           || length($4) || ':' || $4 || length($5) || ':' || $5)::uuid
$$;

-- Creates the missing day partitions of fact and pod_history for every day in [from_day, to_day]; returns how many
-- tables it created. Callers (several analyzers) are serialized by a transaction-scoped advisory lock.
CREATE FUNCTION podlife_ensure_partitions(from_day date, to_day date)
    RETURNS integer
    LANGUAGE plpgsql
AS $$
DECLARE
    day     date;
    parent  text;
    schema  text;
    part    text;
    created integer := 0;
BEGIN
    IF from_day IS NULL OR to_day IS NULL OR from_day > to_day THEN
        RETURN 0;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('podlife_partitions'));
    FOR day IN SELECT d::date FROM generate_series(from_day, to_day, interval '1 day') AS d LOOP
        FOREACH parent IN ARRAY ARRAY['fact', 'pod_history'] LOOP
            SELECT n.nspname INTO schema
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.oid = parent::regclass;
            part := parent || '_p' || to_char(day, 'YYYYMMDD');
            IF to_regclass(format('%I.%I', schema, part)) IS NULL THEN
                EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.%I FOR VALUES FROM (%L) TO (%L)',
                               schema, part, schema, parent,
                               to_char(day, 'YYYY-MM-DD') || ' 00:00:00+00',
                               to_char(day + 1, 'YYYY-MM-DD') || ' 00:00:00+00');
                created := created + 1;
            END IF;
        END LOOP;
    END LOOP;
    RETURN created;
END
$$;

-- Drops the day partitions of fact and pod_history wholly before `before_day` (UTC) and the fact_key rows of those
-- days; returns the days dropped, oldest first. Partitions not named by podlife_ensure_partitions are left alone.
CREATE FUNCTION podlife_drop_partitions_before(before_day date)
    RETURNS SETOF date
    LANGUAGE plpgsql
AS $$
DECLARE
    r record;
    last_day date;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('podlife_partitions'));
    FOR r IN
        SELECT n.nspname AS schema, c.relname AS part, to_date(substring(c.relname FROM '_p([0-9]{8})$'), 'YYYYMMDD') AS day
        FROM pg_inherits i
          JOIN pg_class c ON c.oid = i.inhrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE i.inhparent IN ('fact'::regclass, 'pod_history'::regclass)
          AND c.relname ~ '^(fact|pod_history)_p[0-9]{8}$'
        ORDER BY day, c.relname
    LOOP
        IF r.day < before_day THEN
            EXECUTE format('DROP TABLE %I.%I', r.schema, r.part);
            IF last_day IS DISTINCT FROM r.day THEN
                last_day := r.day;
                RETURN NEXT r.day;
            END IF;
        END IF;
    END LOOP;
    DELETE FROM fact_key WHERE at < (to_char(before_day, 'YYYY-MM-DD') || ' 00:00:00+00')::timestamptz;
    RETURN;
END
$$;

-- 1. The foreign keys that referenced fact(id) (pod_history, probe_readiness_flap, probe_event, termination…).
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT conrelid::regclass AS tab, conname FROM pg_constraint
             WHERE contype = 'f' AND confrelid = 'fact'::regclass LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tab, r.conname);
    END LOOP;
END
$$;

-- 2. Move the old tables aside (their index and sequence names are reused below).
ALTER TABLE fact RENAME TO fact_v92;
ALTER TABLE fact_v92 RENAME CONSTRAINT fact_pkey TO fact_v92_pkey;
ALTER TABLE fact_v92 DROP CONSTRAINT fact_natural_key;
DROP INDEX fact_by_pod_time;
DROP INDEX fact_by_time;
DROP INDEX fact_by_type_time;
ALTER SEQUENCE fact_id_seq RENAME TO fact_v92_id_seq;

ALTER TABLE pod_history RENAME TO pod_history_v92;
ALTER TABLE pod_history_v92 RENAME CONSTRAINT pod_history_pkey TO pod_history_v92_pkey;
DROP INDEX pod_history_by_pod;
DROP INDEX pod_history_by_time;

-- 3. The partitioned tables, same columns in the same order.
CREATE SEQUENCE fact_id_seq;
CREATE TABLE fact (
    id               bigint      NOT NULL DEFAULT nextval('fact_id_seq'),
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
    source_topic     text,
    source_partition integer,
    source_offset    bigint,
    -- joins from pod_history (f.id = h.fact_id AND f.at = h.at) and the rebuild's replay in id order
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
ALTER SEQUENCE fact_id_seq OWNED BY fact.id;
-- a pod's facts (ShutdownRows.earlierEvents: cluster, pod_uid, fact_type, id)
CREATE INDEX fact_by_pod_time ON fact (cluster, pod_uid, at, id);
-- Not kept: fact_by_time (at) and fact_by_type_time (fact_type, at). No reader queries fact by time or by type
-- across pods (time-ordered reads go through pod_history); a time range now prunes to whole day partitions anyway.
-- fact_natural_key is replaced by fact_key.

CREATE TABLE fact_key (
    key uuid        PRIMARY KEY, -- podlife_fact_key(cluster, pod_uid, fact_type, subject, resource_version)
    at  timestamptz NOT NULL     -- the stored fact's at: its partition
);
-- No index on fact_key (at): only retention deletes by it, once per dropped day, and a sequential scan of this narrow
-- table then is cheaper than one more index on every insert.

CREATE TABLE pod_history (
    fact_id   bigint      NOT NULL,
    cluster   text        NOT NULL,
    pod_uid   text        NOT NULL,
    at        timestamptz NOT NULL, -- the fact's at
    fact_type text        NOT NULL,
    subject   text        NOT NULL,
    summary   text        NOT NULL,
    status    text        NOT NULL,
    ready     text        NOT NULL,
    restarts  integer     NOT NULL,
    -- one row per fact; also the index of history rows by time across pods (the old pod_history_by_time), so the
    -- separate (fact_id) primary key index, which no reader used, is gone
    PRIMARY KEY (at, fact_id)
) PARTITION BY RANGE (at);
-- a pod's history in (at, fact id) order
CREATE INDEX pod_history_by_pod ON pod_history (cluster, pod_uid, at, fact_id);

-- 4. The partitions of the days the old tables hold, then their rows.
SELECT podlife_ensure_partitions(day, day)
FROM (SELECT DISTINCT (at AT TIME ZONE 'UTC')::date AS day FROM fact_v92
      UNION
      SELECT DISTINCT (at AT TIME ZONE 'UTC')::date FROM pod_history_v92) days;

INSERT INTO fact (id, cluster, pod_uid, fact_type, subject, resource_version, namespace, pod_name, at, observed_at,
                  stored_at, payload, source_topic, source_partition, source_offset)
SELECT id, cluster, pod_uid, fact_type, subject, resource_version, namespace, pod_name, at, observed_at,
       stored_at, payload, source_topic, source_partition, source_offset
FROM fact_v92;

INSERT INTO fact_key (key, at)
SELECT podlife_fact_key(cluster, pod_uid, fact_type, subject, resource_version), at FROM fact_v92;

INSERT INTO pod_history (fact_id, cluster, pod_uid, at, fact_type, subject, summary, status, ready, restarts)
SELECT fact_id, cluster, pod_uid, at, fact_type, subject, summary, status, ready, restarts FROM pod_history_v92;

-- the sequence continues after the highest id ever handed out
SELECT setval('fact_id_seq', v)
FROM (SELECT greatest((SELECT coalesce(max(id), 0) FROM fact_v92),
                      (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM fact_v92_id_seq)) AS v) s
WHERE v > 0;

DROP TABLE pod_history_v92;
DROP TABLE fact_v92;

-- today's partitions, so that a writer that does not create partitions itself (a plain INSERT) works on a fresh
-- database; the analyzer creates the days ahead and any older day a batch needs
SELECT podlife_ensure_partitions((now() AT TIME ZONE 'UTC')::date, (now() AT TIME ZONE 'UTC')::date + 7);

ANALYZE fact;
ANALYZE fact_key;
ANALYZE pod_history;
