-- The statements with the highest mean execution time in this database, PostgreSQL 13 and later
-- (columns *_exec_time; before 13 they were *_time, see top-statements-pre13.sql).
-- Counters are cumulative since pg_stat_statements_reset() or the server's start.
-- Parameters: :limit (how many statements). Columns: query, calls, total_ms, mean_ms, stddev_ms, rows.
SELECT query,
       calls,
       total_exec_time AS total_ms,
       mean_exec_time AS mean_ms,
       stddev_exec_time AS stddev_ms,
       rows
FROM pg_stat_statements
WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
ORDER BY mean_exec_time DESC
LIMIT :limit
