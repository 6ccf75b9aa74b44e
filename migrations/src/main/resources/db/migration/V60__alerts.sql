-- Alert rules, their audit trail, the alerts they raised and the notifications that carry them out.
-- Not projections: `podlife analyzer --rebuild` leaves these tables alone (an alert that was sent stays sent).

-- The current version of every rule. spec is the rule exactly as validated (dev.podlife.alerts.rules.RuleSpec JSON,
-- webhook secrets included: they are needed to sign, and the API never returns them).
CREATE TABLE alert_rule (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL,
    version    integer     NOT NULL,
    spec       jsonb       NOT NULL,
    enabled    boolean     NOT NULL,
    deleted    boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
-- a deleted rule's name may be reused; its alerts keep pointing at the old id
CREATE UNIQUE INDEX alert_rule_live_name ON alert_rule (name) WHERE NOT deleted;

-- Who changed what, when: one row per version (created, updated, deleted), never updated or deleted.
CREATE TABLE alert_rule_version (
    rule_id    bigint      NOT NULL REFERENCES alert_rule (id),
    version    integer     NOT NULL,
    -- created, updated, deleted
    change     text        NOT NULL,
    spec       jsonb       NOT NULL,
    -- the token's name that made the change (never the token)
    changed_by text        NOT NULL,
    changed_at timestamptz NOT NULL,
    PRIMARY KEY (rule_id, version)
);

-- One alert per rule × group (cluster, namespace, workload, reason) while its condition holds: repeats update it
-- (count, last_*), and it resolves when the condition clears. fingerprint identifies the group within the rule.
CREATE TABLE alert (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rule_id       bigint      NOT NULL REFERENCES alert_rule (id),
    rule_version  integer     NOT NULL,
    rule_name     text        NOT NULL,
    fingerprint   text        NOT NULL,
    cluster       text        NOT NULL,
    namespace     text        NOT NULL,
    -- a bare pod is its own workload: kind 'Pod', name = the pod's name
    workload_kind text        NOT NULL,
    workload_name text        NOT NULL,
    reason        text        NOT NULL,
    severity      text        NOT NULL,
    -- firing, resolved
    state         text        NOT NULL CHECK (state IN ('firing', 'resolved')),
    -- the first occurrence (event time) and, once resolved, when the condition cleared
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz,
    -- occurrences since starts_at, and the latest of them
    occurrences   integer     NOT NULL,
    last_at       timestamptz NOT NULL,
    -- the pod and container of the first occurrence (stable: they are labels) and of the latest
    pod_uid       text,
    pod_name      text,
    container     text,
    last_pod_uid  text,
    last_pod_name text,
    last_container text,
    -- the measured value where the condition has one (startup p99 in ms, restarts in the window)
    value         double precision,
    -- as sent: Alertmanager labels and annotations
    labels        jsonb       NOT NULL,
    annotations   jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT alert_episode UNIQUE (rule_id, fingerprint, starts_at)
);
-- at most one firing alert per rule and group, whichever analyzer evaluates
CREATE UNIQUE INDEX alert_firing ON alert (rule_id, fingerprint) WHERE state = 'firing';
CREATE INDEX alert_by_time ON alert (starts_at DESC, id DESC);

-- The outbox: one row per notification to one receiver. Evaluation inserts them in its transaction; a deliverer
-- claims due rows (lease, SKIP LOCKED: each is sent by one analyzer), sends, and records the outcome. A row that
-- exhausted its retries stays as a dead letter (state 'failed').
CREATE TABLE alert_notification (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id        bigint      NOT NULL REFERENCES alert (id),
    -- alertmanager, webhook
    receiver_kind   text        NOT NULL,
    receiver_url    text        NOT NULL,
    -- the alert's state this notification announces: firing (first or refreshed), resolved
    status          text        NOT NULL,
    -- pending, delivered, failed
    state           text        NOT NULL DEFAULT 'pending',
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until     timestamptz,
    last_error      text,
    -- the HTTP status of the last attempt, when one answered
    last_status     integer,
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz
);
CREATE INDEX alert_notification_due ON alert_notification (next_attempt_at) WHERE state = 'pending';
CREATE INDEX alert_notification_by_alert ON alert_notification (alert_id);
CREATE INDEX alert_notification_failed ON alert_notification (created_at DESC, id DESC) WHERE state = 'failed';
