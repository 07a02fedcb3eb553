-- The platform's application tables, SQLite form: the demo platform's business database, and the schema the
-- business-metrics tests run the shipped SQL against. Times are INTEGER epoch milliseconds: sqlite-jdbc binds
-- the monitor's window starts (java.sql.Timestamp) as epoch milliseconds by default (date_class=INTEGER), so
-- the business SQL compares like with like without a line of SQLite-specific SQL.
-- IF NOT EXISTS so the demo platform can reopen a database file it created earlier.
CREATE TABLE IF NOT EXISTS profiles (
    id          INTEGER PRIMARY KEY,
    email       TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
    id            INTEGER PRIMARY KEY,
    profile_id    INTEGER,
    status        TEXT NOT NULL,
    amount_cents  INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    delivered_at  INTEGER
);
CREATE TABLE IF NOT EXISTS payment_transactions (
    id            INTEGER PRIMARY KEY,
    order_id      INTEGER,
    status        TEXT NOT NULL,
    amount_cents  INTEGER NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_log (
    id          INTEGER PRIMARY KEY,
    event       TEXT NOT NULL,
    detail      TEXT,
    created_at  INTEGER NOT NULL
);
-- The demo platform settles the few orders still 'created' every simulated minute, and this index keeps that from
-- scanning every order it holds.
CREATE INDEX IF NOT EXISTS orders_status ON orders (status);
