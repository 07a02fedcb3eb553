-- Client connections in use against max_connections. The monitor's own connection is counted: it takes
-- a slot like any other. Backend type and pid are visible to every role, so this needs no privilege.
-- Parameters: none. Columns: used, max_connections, reserved_connections.
SELECT (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend') AS used,
       current_setting('max_connections')::int AS max_connections,
       current_setting('superuser_reserved_connections')::int AS reserved_connections
