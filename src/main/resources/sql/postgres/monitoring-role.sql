-- A read-only login role for Release Watch on the monitored PostgreSQL (10 or later).
--
-- Run once as a superuser, connected to the application's database:
--     psql -d <app_database> -f monitoring-role.sql
-- then give the role a password without writing it into a file or the shell history:
--     psql -d <app_database> -c '\password release_watch'
-- and pass that password to the monitor through the environment.
--
-- pg_monitor (pg_read_all_stats + pg_read_all_settings + pg_stat_scan_tables) lets the role see every
-- session's state and query age in pg_stat_activity and every user's statements in pg_stat_statements;
-- without it, other roles' sessions show no state and their statements show "<insufficient privilege>".
-- It grants no access to table data. The business metrics queries (sql/business/*.sql) read application
-- tables, so SELECT on exactly those tables is granted below: edit that list for your schema.
--
-- pg_stat_statements must be installed (CREATE EXTENSION pg_stat_statements) in the application database
-- and preloaded (shared_preload_libraries = 'pg_stat_statements', then a restart); without it the monitor
-- reports the statements as unavailable and keeps the other checks.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'release_watch') THEN
        CREATE ROLE release_watch LOGIN;
    END IF;
END
$$;

-- Read-only by default for every session of this role, a bounded number of them, and no runaway queries.
ALTER ROLE release_watch NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION CONNECTION LIMIT 5;
ALTER ROLE release_watch SET default_transaction_read_only = on;
ALTER ROLE release_watch SET statement_timeout = '30s';

-- Statistics only: pg_monitor's privileges are used directly (the role inherits, the default).
GRANT pg_monitor TO release_watch;

DO $$
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO release_watch', current_database());
END
$$;

-- Business metrics (guide 2.3): the tables the queries in sql/business/ read.
GRANT USAGE ON SCHEMA public TO release_watch;
GRANT SELECT ON public.profiles, public.orders, public.payment_transactions, public.audit_log TO release_watch;
