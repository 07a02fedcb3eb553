-- Schema of the monitor's own store (SQLite). Times are epoch milliseconds of the monitor clock, so the
-- same statements run on PostgreSQL when it becomes the shared store (only this file needs a dialect twin).
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;

CREATE TABLE IF NOT EXISTS metric (
    ts      BIGINT           NOT NULL,
    phase   SMALLINT         NOT NULL,
    type    TEXT             NOT NULL,
    name    TEXT             NOT NULL,
    value   DOUBLE PRECISION,
    status  TEXT             NOT NULL,
    details TEXT             NOT NULL
);
-- "last 24 h, newest first" and per-signal windows
CREATE INDEX IF NOT EXISTS metric_ts ON metric (ts);
CREATE INDEX IF NOT EXISTS metric_type_name_ts ON metric (type, name, ts);

-- Latest record per (type, name): the dashboard's status panel without scanning history.
CREATE TABLE IF NOT EXISTS metric_latest (
    type    TEXT             NOT NULL,
    name    TEXT             NOT NULL,
    ts      BIGINT           NOT NULL,
    phase   SMALLINT         NOT NULL,
    value   DOUBLE PRECISION,
    status  TEXT             NOT NULL,
    details TEXT             NOT NULL,
    PRIMARY KEY (type, name)
);

CREATE TABLE IF NOT EXISTS release_declaration (
    seq          INTEGER PRIMARY KEY,
    release_time BIGINT NOT NULL,
    declared_at  BIGINT NOT NULL,
    source       TEXT   NOT NULL
);

CREATE TABLE IF NOT EXISTS phase_event (
    seq          INTEGER PRIMARY KEY,
    ts           BIGINT   NOT NULL,
    from_phase   SMALLINT,
    to_phase     SMALLINT NOT NULL,
    release_time BIGINT   NOT NULL
);

-- Alert lifecycle: one row per rule and series occurrence (pending -> firing -> resolved).
CREATE TABLE IF NOT EXISTS alert_instance (
    id               TEXT PRIMARY KEY,
    rule             TEXT     NOT NULL,
    series           TEXT     NOT NULL,
    severity         TEXT     NOT NULL,
    state            TEXT     NOT NULL,
    pending_since    BIGINT   NOT NULL,
    fired_at         BIGINT,
    resolved_at      BIGINT,
    last_notified_at BIGINT,
    acked_at         BIGINT,
    acked_by         TEXT,
    escalation_level INTEGER  NOT NULL,
    silenced         SMALLINT NOT NULL,
    summary          TEXT     NOT NULL,
    description      TEXT     NOT NULL,
    observed         DOUBLE PRECISION,
    labels           TEXT     NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_instance_state ON alert_instance (state);
CREATE INDEX IF NOT EXISTS alert_instance_fired ON alert_instance (fired_at);

-- What happened to alerts, for people: fired, resolved, acknowledged, escalated, silenced.
CREATE TABLE IF NOT EXISTS alert_event (
    seq      INTEGER PRIMARY KEY,
    alert_id TEXT   NOT NULL,
    ts       BIGINT NOT NULL,
    kind     TEXT   NOT NULL,
    detail   TEXT   NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_event_ts ON alert_event (ts);

-- Notifications waiting for, or given to, each channel. Written in the same transaction as the state
-- change that caused them, so a crash neither loses nor repeats one; delivered rows stay as history.
CREATE TABLE IF NOT EXISTS outbox (
    seq             INTEGER PRIMARY KEY,
    created_at      BIGINT   NOT NULL,
    channel         TEXT     NOT NULL,
    payload         TEXT     NOT NULL,
    status          TEXT     NOT NULL,
    attempts        INTEGER  NOT NULL,
    next_attempt_at BIGINT   NOT NULL,
    last_error      TEXT,
    delivered_at    BIGINT,
    dead_lettered   SMALLINT NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (channel, status, seq);

CREATE TABLE IF NOT EXISTS silence (
    id          TEXT PRIMARY KEY,
    rule        TEXT,
    label_key   TEXT,
    label_value TEXT,
    starts_at   BIGINT NOT NULL,
    ends_at     BIGINT NOT NULL,
    reason      TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);
