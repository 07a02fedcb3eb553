-- Tables by rows read through sequential scans since the statistics were last reset: a table read mostly
-- by full scans is the usual sign of a missing index or a policy (RLS) that defeats one.
-- idx_scan is NULL for a table without indexes.
-- Parameters: :limit (how many tables). Columns: schema_name, table_name, seq_scan, seq_tup_read, idx_scan.
SELECT schemaname AS schema_name,
       relname AS table_name,
       seq_scan,
       seq_tup_read,
       idx_scan
FROM pg_stat_user_tables
WHERE seq_tup_read > 0
ORDER BY seq_tup_read DESC, schemaname, relname
LIMIT :limit
