-- Whether pg_stat_statements is installed (CREATE EXTENSION) in the database the monitor connects to.
-- Installed is not enough: the library must also be in shared_preload_libraries, which only reading the
-- view tells (the setting itself is hidden from roles without pg_read_all_settings).
-- Parameters: none. Columns: version, schema_name (no row when not installed).
SELECT e.extversion AS version, n.nspname AS schema_name
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = 'pg_stat_statements'
