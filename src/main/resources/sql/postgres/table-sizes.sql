-- The largest tables of this database in every schema, with rows inserted, updated and deleted since the
-- statistics were last reset. pg_stat_user_tables identifies each table by its oid (relid), so two tables
-- of the same name in different schemas are never mixed up (a join on the name alone would).
-- Sizes include indexes and TOAST (pg_total_relation_size).
-- Parameters: :limit (how many tables). Columns: schema_name, table_name, total_bytes, inserts, updates, deletes.
SELECT schemaname AS schema_name,
       relname AS table_name,
       pg_total_relation_size(relid) AS total_bytes,
       n_tup_ins AS inserts,
       n_tup_upd AS updates,
       n_tup_del AS deletes
FROM pg_stat_user_tables
ORDER BY pg_total_relation_size(relid) DESC NULLS LAST, schemaname, relname
LIMIT :limit
