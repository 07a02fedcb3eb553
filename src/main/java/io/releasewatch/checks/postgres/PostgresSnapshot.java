package io.releasewatch.checks.postgres;

import io.releasewatch.checks.sql.QueryResult;
import io.releasewatch.checks.sql.SqlFailure;
import io.releasewatch.clock.Phase;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What one run of the PostgreSQL check read. Every part is a {@link QueryResult}: present, or missing with
 * the reason, so a missing source is reported as unavailable and never as 0.
 *
 * @param serverVersion   server_version_num
 * @param connections     sessions by state, the monitor's own excluded
 * @param connectionUse   client connections against max_connections
 * @param topStatements   slowest statements by mean time (pg_stat_statements), or why they are unavailable
 * @param tables          largest tables with their write activity
 * @param sequentialScans tables by rows read sequentially
 * @param options         the limits and rules the run used
 */
public record PostgresSnapshot(QueryResult<Integer> serverVersion, QueryResult<List<ConnectionState>> connections,
                               QueryResult<ConnectionUse> connectionUse, QueryResult<List<StatementStat>> topStatements,
                               QueryResult<List<TableActivity>> tables, QueryResult<List<TableScans>> sequentialScans,
                               PostgresOptions options) {
    public static final String TYPE = "postgres";
    /** States always reported, as 0 when no session is in them, so their series have no gaps. */
    private static final List<String> USUAL_STATES = List.of("active", "idle", "idle in transaction");

    public PostgresSnapshot {
        connections = connections.map(List::copyOf);
        topStatements = topStatements.map(List::copyOf);
        tables = tables.map(List::copyOf);
        sequentialScans = sequentialScans.map(List::copyOf);
    }

    /** A server that could not be reached: every part carries the same cause. */
    public static PostgresSnapshot unreachable(SqlFailure failure, PostgresOptions options) {
        return new PostgresSnapshot(QueryResult.failed(failure), QueryResult.failed(failure), QueryResult.failed(failure),
                QueryResult.failed(failure), QueryResult.failed(failure), QueryResult.failed(failure), options);
    }

    /** The first failure caused by the connection itself (refused, lost, server shutting down), if any. */
    public Optional<SqlFailure> connectionFailure() {
        return Stream.of(serverVersion, connections, connectionUse, topStatements, tables, sequentialScans)
                .map(QueryResult::failure).filter(f -> f != null && f.connectionProblem()).findFirst();
    }

    /** Tables that are read mostly by sequential scans and above the configured rows-read threshold. */
    public QueryResult<List<TableScans>> seqScanHeavy() {
        return sequentialScans.map(list -> list.stream().filter(options::isSeqScanHeavy).toList());
    }

    /** Seconds the longest active query has been running; 0 when nothing is running. */
    public QueryResult<Double> longestActiveQuerySeconds() {
        return connections.map(list -> list.stream().filter(s -> s.state().equals("active"))
                .map(ConnectionState::oldestQuerySeconds).filter(v -> v != null).findFirst().orElse(0.0));
    }

    /** Slowest statement by mean time, when pg_stat_statements is available and has recorded any. */
    public Optional<StatementStat> slowestStatement() {
        return topStatements.asOptional().flatMap(list -> list.stream().findFirst());
    }

    public List<MetricRecord> toRecords(Instant time, Phase phase) {
        List<MetricRecord> out = new ArrayList<>();
        Optional<SqlFailure> lost = connectionFailure();
        out.add(lost.isPresent()
                ? new MetricRecord(time, phase, TYPE, "database_reachable", 0.0, Status.CRITICAL, lost.get().describe())
                : new MetricRecord(time, phase, TYPE, "database_reachable", 1.0, Status.OK,
                        "PostgreSQL " + serverVersion.asOptional().map(String::valueOf).orElse("(version unknown)")));
        connectionRecords(time, phase, out);
        statementRecord(time, phase, out);
        seqScanRecord(time, phase, out);
        tableRecords(time, phase, out);
        return out;
    }

    private void connectionRecords(Instant time, Phase phase, List<MetricRecord> out) {
        if (connectionUse.available()) {
            ConnectionUse u = connectionUse.value();
            double pct = u.usedPercent();
            Status s = pct >= options.connectionsWarnPercent() ? Status.WARNING : Status.OK;
            out.add(record(time, phase, "connections_used_pct", pct, s, String.format(Locale.ROOT,
                    "%d of max_connections %d in use (%d reserved for superusers)", u.used(), u.max(), u.reserved())));
            out.add(record(time, phase, "connections_max", (double) u.max(), Status.OK, "max_connections"));
        } else {
            out.add(unavailable(time, phase, "connections_used_pct", connectionUse.reason()));
            out.add(unavailable(time, phase, "connections_max", connectionUse.reason()));
        }
        if (!connections.available()) {
            for (String state : USUAL_STATES) out.add(unavailable(time, phase, stateName(state), connections.reason()));
            out.add(unavailable(time, phase, "longest_query_seconds", connections.reason()));
            return;
        }
        Map<String, ConnectionState> byState = new LinkedHashMap<>();
        USUAL_STATES.forEach(s -> byState.put(s, new ConnectionState(s, 0, null)));
        connections.value().forEach(s -> byState.put(s.state(), s));
        byState.values().forEach(s -> out.add(record(time, phase, stateName(s.state()), (double) s.count(), Status.OK,
                s.count() + " sessions '" + s.state() + "' (the monitor's own excluded)")));
        double longest = longestActiveQuerySeconds().value();
        out.add(record(time, phase, "longest_query_seconds", longest, Status.OK,
                longest == 0 ? "no query running" : String.format(Locale.ROOT, "longest active query running for %.1f s", longest)));
    }

    private void statementRecord(Instant time, Phase phase, List<MetricRecord> out) {
        if (!topStatements.available()) {
            out.add(unavailable(time, phase, "slowest_statement_mean_ms", topStatements.reason()));
        } else if (topStatements.value().isEmpty()) {
            out.add(unavailable(time, phase, "slowest_statement_mean_ms", "pg_stat_statements has recorded no statement yet"));
        } else {
            StatementStat s = topStatements.value().get(0);
            out.add(record(time, phase, "slowest_statement_mean_ms", s.meanMs(), Status.OK, String.format(Locale.ROOT,
                    "%.1f ms mean over %d calls: %s", s.meanMs(), s.calls(), s.shortQuery(200))));
            // The whole top list, so it is stored and on the dashboard, not only the slowest.
            int rank = 1;
            for (StatementStat st : topStatements.value()) {
                out.add(record(time, phase, String.format(Locale.ROOT, "top_statement_%02d_mean_ms", rank++), st.meanMs(), Status.OK,
                        String.format(Locale.ROOT, "%d calls, %.1f ms total, %.1f ms stddev, %d rows: %s", st.calls(), st.totalMs(),
                                st.stddevMs(), st.rows(), st.shortQuery(200))));
            }
        }
    }

    private void seqScanRecord(Instant time, Phase phase, List<MetricRecord> out) {
        QueryResult<List<TableScans>> heavy = seqScanHeavy();
        if (!heavy.available()) {
            out.add(unavailable(time, phase, "seq_scan_heavy_tables", heavy.reason()));
            return;
        }
        List<TableScans> list = heavy.value();
        String detail = list.isEmpty()
                ? "no table above " + options.seqScanMinRowsRead() + " rows read sequentially with more sequential than index scans"
                : String.join(", ", list.stream().map(t -> t.qualifiedName() + " (" + t.seqRowsRead() + " rows in "
                        + t.seqScans() + " seq scans, " + t.indexScansOrZero() + " index scans)").toList());
        out.add(record(time, phase, "seq_scan_heavy_tables", (double) list.size(), list.isEmpty() ? Status.OK : Status.WARNING, detail));
        if (sequentialScans.available()) {
            for (TableScans t : sequentialScans.value()) {
                out.add(record(time, phase, "seq_rows_read:" + t.qualifiedName(), (double) t.seqRowsRead(),
                        options.isSeqScanHeavy(t) ? Status.WARNING : Status.OK,
                        t.seqScans() + " sequential scans, " + t.indexScansOrZero() + " index scans"));
            }
        }
    }

    private void tableRecords(Instant time, Phase phase, List<MetricRecord> out) {
        if (!tables.available()) {
            out.add(unavailable(time, phase, "table_size_bytes", tables.reason()));
            return;
        }
        for (TableActivity t : tables.value()) {
            out.add(record(time, phase, "table_size_bytes:" + t.qualifiedName(), (double) t.totalBytes(), Status.OK,
                    t.inserts() + " inserts, " + t.updates() + " updates, " + t.deletes() + " deletes since the statistics reset"));
        }
    }

    private static String stateName(String state) {
        return "connections_" + state.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    private static MetricRecord record(Instant time, Phase phase, String name, double value, Status status, String detail) {
        return new MetricRecord(time, phase, TYPE, name, value, status, detail);
    }

    private static MetricRecord unavailable(Instant time, Phase phase, String name, String why) {
        return new MetricRecord(time, phase, TYPE, name, null, Status.UNAVAILABLE, why);
    }
}
