-- The server's version as a number (140022 for 14.22): pg_stat_statements renamed its timing columns in 13.
-- Parameters: none. Columns: version_num.
SELECT current_setting('server_version_num')::int AS version_num
