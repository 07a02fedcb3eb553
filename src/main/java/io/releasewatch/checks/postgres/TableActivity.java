package io.releasewatch.checks.postgres;

/**
 * One table's size and write activity since the statistics were last reset.
 *
 * @param totalBytes table, indexes and TOAST (pg_total_relation_size)
 */
public record TableActivity(String schema, String table, long totalBytes, long inserts, long updates, long deletes) {
    public String qualifiedName() {
        return schema + "." + table;
    }
}
