-- Business metrics (guide 2.3): the most frequent error events of the last hour. Edit the FROM and WHERE
-- parts for your schema; keep the result columns, which the monitor reads by name.
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
-- LOWER() makes the match case-insensitive on both databases (SQLite's LIKE already is, PostgreSQL's not).
-- Result: up to 5 rows; columns event, event_count.
SELECT event,
       COUNT(*) AS event_count
FROM audit_log
WHERE created_at >= :since_1h
  AND LOWER(event) LIKE '%error%'
GROUP BY event
ORDER BY event_count DESC, event
LIMIT 5
