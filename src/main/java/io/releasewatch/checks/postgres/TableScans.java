package io.releasewatch.checks.postgres;

/**
 * How one table has been read since the statistics were last reset.
 *
 * @param seqScans    sequential scans started
 * @param seqRowsRead rows read by them (seq_tup_read)
 * @param indexScans  index scans, or null for a table without indexes
 */
public record TableScans(String schema, String table, long seqScans, long seqRowsRead, Long indexScans) {
    public String qualifiedName() {
        return schema + "." + table;
    }

    public long indexScansOrZero() {
        return indexScans == null ? 0 : indexScans;
    }
}
