package io.releasewatch.checks.postgres;

/**
 * What the PostgreSQL check collects and how it judges it.
 *
 * @param topStatements          how many statements to list by mean time (guide: 10)
 * @param tableLimit             how many tables to list by size and by sequential rows read
 * @param seqScanMinRowsRead     a table is sequential-scan-heavy when its seq_tup_read is above this ...
 * @param connectionsWarnPercent connection use at or above this percent of max_connections is a warning
 */
public record PostgresOptions(int topStatements, int tableLimit, long seqScanMinRowsRead, double connectionsWarnPercent) {
    public PostgresOptions {
        if (topStatements < 1) throw new IllegalArgumentException("topStatements must be at least 1");
        if (tableLimit < 1) throw new IllegalArgumentException("tableLimit must be at least 1");
        if (seqScanMinRowsRead < 0) throw new IllegalArgumentException("seqScanMinRowsRead must be >= 0");
    }

    public static PostgresOptions defaults() {
        return new PostgresOptions(10, 20, 1_000_000, 80);
    }

    /** ... and it was scanned sequentially more often than through an index. */
    public boolean isSeqScanHeavy(TableScans t) {
        return t.seqRowsRead() > seqScanMinRowsRead && t.seqScans() > t.indexScansOrZero();
    }

    public PostgresOptions withSeqScanMinRowsRead(long rows) {
        return new PostgresOptions(topStatements, tableLimit, rows, connectionsWarnPercent);
    }
}
