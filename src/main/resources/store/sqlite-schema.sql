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

CREATE TABLE IF NOT EXISTS alert (
    id       TEXT   PRIMARY KEY,
    akey     TEXT   NOT NULL,
    ts       BIGINT NOT NULL,
    phase    SMALLINT NOT NULL,
    severity TEXT   NOT NULL,
    source   TEXT   NOT NULL,
    title    TEXT   NOT NULL,
    summary  TEXT   NOT NULL,
    lines    TEXT   NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_ts ON alert (ts);
