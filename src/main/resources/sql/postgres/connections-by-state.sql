-- Sessions on the whole server by state, and for each state the age of its oldest query: for 'active' that
-- is the longest-running query; for 'idle' it is how long ago the oldest idle session last started one.
-- The monitor's own session is left out so it never counts itself as active. Background processes have
-- no state and are left out too. Another role's sessions show a state only to members of pg_monitor
-- (pg_read_all_stats), which is why the monitoring role has it.
-- Parameters: none. Columns: state, connection_count, longest_query_seconds.
SELECT state,
       count(*) AS connection_count,
       EXTRACT(EPOCH FROM max(clock_timestamp() - query_start))::float8 AS longest_query_seconds
FROM pg_stat_activity
WHERE state IS NOT NULL
  AND pid <> pg_backend_pid()
GROUP BY state
ORDER BY state
