-- The statements with the highest mean execution time in this database, PostgreSQL 12 and earlier
-- (columns *_time; from 13 on they are *_exec_time, see top-statements-pg13.sql).
-- Counters are cumulative since pg_stat_statements_reset() or the server's start.
-- Parameters: :limit (how many statements). Columns: query, calls, total_ms, mean_ms, stddev_ms, rows.
SELECT query,
       calls,
       total_time AS total_ms,
       mean_time AS mean_ms,
       stddev_time AS stddev_ms,
       rows
FROM pg_stat_statements
WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
ORDER BY mean_time DESC
LIMIT :limit
