-- The same application tables for SQLite. Times are INTEGER epoch milliseconds: sqlite-jdbc binds the
-- monitor's window starts (java.sql.Timestamp) as epoch milliseconds by default (date_class=INTEGER), so
-- the business SQL compares like with like without a line of SQLite-specific SQL.
CREATE TABLE profiles (
    id          INTEGER PRIMARY KEY,
    email       TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE TABLE orders (
    id            INTEGER PRIMARY KEY,
    profile_id    INTEGER,
    status        TEXT NOT NULL,
    amount_cents  INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    delivered_at  INTEGER
);
CREATE TABLE payment_transactions (
    id            INTEGER PRIMARY KEY,
    order_id      INTEGER,
    status        TEXT NOT NULL,
    amount_cents  INTEGER NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    event       TEXT NOT NULL,
    detail      TEXT,
    created_at  INTEGER NOT NULL
);
