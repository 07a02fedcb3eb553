-- Business metrics (guide 2.3): orders created and delivered. Edit the FROM and WHERE parts for your
-- schema; keep the result columns, which the monitor reads by name.
--
-- Parameters, bound by the monitor from its own clock rather than the database's now(), so a rehearsal on
-- a fast clock and a database in another time zone see the same windows:
--   :now        the monitor's current time
--   :since_1h   :now minus 1 hour
--   :since_24h  :now minus 24 hours
-- Each is bound as a JDBC timestamp in UTC. PostgreSQL compares it with timestamptz columns (and with
-- timestamp-without-time-zone columns as UTC wall-clock time); sqlite-jdbc
-- binds it as epoch milliseconds (its default date_class=INTEGER), so on SQLite the time columns hold
-- epoch milliseconds. The same file thus runs unchanged on both. Use only portable SQL here (CASE, COUNT,
-- SUM, COALESCE, LOWER, LIKE): no now(), no interval arithmetic.
--
-- Result: one row; columns total, last_hour, delivered_24h (delivered within the last 24 hours),
-- cancelled_total.
SELECT COUNT(*) AS total,
       COUNT(CASE WHEN created_at >= :since_1h THEN 1 END) AS last_hour,
       COUNT(CASE WHEN status = 'delivered' AND delivered_at >= :since_24h THEN 1 END) AS delivered_24h,
       COUNT(CASE WHEN status = 'cancelled' THEN 1 END) AS cancelled_total
FROM orders
