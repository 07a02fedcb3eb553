package io.releasewatch.checks.postgres;

import io.releasewatch.checks.sql.QueryResult;
import io.releasewatch.checks.sql.QueryRunner;
import io.releasewatch.checks.sql.SqlFailure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guide 2.2: reads the monitored PostgreSQL's own statistics: sessions by state, connection use,
 * the slowest statements (pg_stat_statements), table sizes and write activity, and sequential scans.
 * Each query stands alone: a missing extension or a refused permission makes that part unavailable with
 * the reason and leaves the rest.
 *
 * <p>Thread-safe; keep one instance per monitored database so "pg_stat_statements unavailable" is logged
 * once, not on every run.
 */
public final class PostgresPerformance {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresPerformance.class);
    /** SQLState object_not_in_prerequisite_state: the extension is installed but its library was not preloaded. */
    private static final String NOT_PRELOADED = "55000";

    private final DataSource dataSource;
    private final PostgresOptions options;
    private final Duration queryTimeout;
    private String statementsUnavailableLogged;

    public PostgresPerformance(DataSource dataSource, PostgresOptions options, Duration queryTimeout) {
        this.dataSource = dataSource;
        this.options = Objects.requireNonNull(options, "options");
        this.queryTimeout = queryTimeout;
    }

    public PostgresOptions options() {
        return options;
    }

    /**
     * Opens a read-only connection from the data source and collects. A server that cannot be reached gives
     * a snapshot whose every part is unavailable with the driver's message, not an exception.
     */
    public PostgresSnapshot collect() {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            return PostgresSnapshot.unreachable(SqlFailure.of("connect", e), options);
        }
        try {
            readOnlyIfPossible(c);
            return collect(c);
        } finally {
            closeQuietly(c);
        }
    }

    /** Collects on the caller's connection, which is left open and otherwise unchanged. */
    public PostgresSnapshot collect(Connection c) {
        QueryRunner q = new QueryRunner(c, queryTimeout);
        QueryResult<Integer> version = q.query("server-version", PostgresQueries.SERVER_VERSION, Map.of(), rs -> {
            rs.next();
            return rs.getInt("version_num");
        });
        QueryResult<List<ConnectionState>> states = q.query("connections-by-state", PostgresQueries.CONNECTIONS_BY_STATE,
                Map.of(), PostgresPerformance::states);
        QueryResult<ConnectionUse> use = q.query("connection-use", PostgresQueries.CONNECTION_USE, Map.of(), rs -> {
            rs.next();
            return new ConnectionUse(rs.getLong("used"), rs.getInt("max_connections"), rs.getInt("reserved_connections"));
        });
        QueryResult<List<StatementStat>> statements = topStatements(q, c, version);
        QueryResult<List<TableActivity>> tables = q.query("table-sizes", PostgresQueries.TABLE_SIZES,
                Map.of("limit", options.tableLimit()), PostgresPerformance::tables);
        QueryResult<List<TableScans>> scans = q.query("sequential-scans", PostgresQueries.SEQUENTIAL_SCANS,
                Map.of("limit", options.tableLimit()), PostgresPerformance::scans);
        return new PostgresSnapshot(version, states, use, statements, tables, scans, options);
    }

    private QueryResult<List<StatementStat>> topStatements(QueryRunner q, Connection c, QueryResult<Integer> version) {
        if (!version.available()) return version.map(v -> List.of());
        QueryResult<Optional<String>> installed = q.query("statements-extension", PostgresQueries.STATEMENTS_EXTENSION,
                Map.of(), rs -> rs.next() ? Optional.of(rs.getString("schema_name")) : Optional.empty());
        if (!installed.available()) return noteStatements(installed.map(v -> List.of()));
        if (installed.value().isEmpty()) {
            return noteStatements(QueryResult.unavailable("pg_stat_statements is not installed in database " + catalog(c)
                    + ": run CREATE EXTENSION pg_stat_statements there as a superuser (the library must also be in "
                    + "shared_preload_libraries)"));
        }
        String name = PostgresQueries.topStatementsName(version.value());
        QueryResult<List<StatementStat>> top = q.query(name, PostgresQueries.topStatements(version.value()),
                Map.of("limit", options.topStatements()), PostgresPerformance::statements);
        if (!top.available() && !top.connectionProblem() && NOT_PRELOADED.equals(top.failure().sqlState())) {
            top = new QueryResult<>(null, "pg_stat_statements is installed but its library is not loaded: add it to "
                    + "shared_preload_libraries and restart PostgreSQL (" + top.failure().message() + ")", top.failure());
        }
        return noteStatements(top);
    }

    /** Logs a missing pg_stat_statements once per distinct reason, and once when it comes back. */
    private synchronized QueryResult<List<StatementStat>> noteStatements(QueryResult<List<StatementStat>> r) {
        if (r.connectionProblem()) return r;
        if (!r.available() && !r.reason().equals(statementsUnavailableLogged)) {
            LOG.warn("Slow statements will not be reported: {}", r.reason());
            statementsUnavailableLogged = r.reason();
        } else if (r.available() && statementsUnavailableLogged != null) {
            LOG.info("pg_stat_statements is available again");
            statementsUnavailableLogged = null;
        }
        return r;
    }

    private static List<ConnectionState> states(ResultSet rs) throws SQLException {
        List<ConnectionState> out = new ArrayList<>();
        while (rs.next()) {
            double oldest = rs.getDouble("longest_query_seconds");
            out.add(new ConnectionState(rs.getString("state"), rs.getLong("connection_count"), rs.wasNull() ? null : oldest));
        }
        return out;
    }

    private static List<StatementStat> statements(ResultSet rs) throws SQLException {
        List<StatementStat> out = new ArrayList<>();
        while (rs.next()) {
            out.add(new StatementStat(rs.getString("query"), rs.getLong("calls"), rs.getDouble("total_ms"),
                    rs.getDouble("mean_ms"), rs.getDouble("stddev_ms"), rs.getLong("rows")));
        }
        return out;
    }

    private static List<TableActivity> tables(ResultSet rs) throws SQLException {
        List<TableActivity> out = new ArrayList<>();
        while (rs.next()) {
            out.add(new TableActivity(rs.getString("schema_name"), rs.getString("table_name"), rs.getLong("total_bytes"),
                    rs.getLong("inserts"), rs.getLong("updates"), rs.getLong("deletes")));
        }
        return out;
    }

    private static List<TableScans> scans(ResultSet rs) throws SQLException {
        List<TableScans> out = new ArrayList<>();
        while (rs.next()) {
            long idx = rs.getLong("idx_scan");
            Long indexScans = rs.wasNull() ? null : idx;
            out.add(new TableScans(rs.getString("schema_name"), rs.getString("table_name"), rs.getLong("seq_scan"),
                    rs.getLong("seq_tup_read"), indexScans));
        }
        return out;
    }

    private static String catalog(Connection c) {
        try {
            return c.getCatalog();
        } catch (SQLException e) {
            return "(unknown)";
        }
    }

    /** A safety net only: the monitoring role (sql/postgres/monitoring-role.sql) is what keeps the monitor read-only. */
    private static void readOnlyIfPossible(Connection c) {
        try {
            c.setReadOnly(true);
        } catch (SQLException ignored) {
            // a broken connection shows up in the first query, with the driver's message
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // a connection that broke during the run has already been reported through the snapshot
        }
    }
}
