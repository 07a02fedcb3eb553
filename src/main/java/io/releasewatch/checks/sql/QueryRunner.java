package io.releasewatch.checks.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.Map;

/**
 * Runs several independent read queries on one connection, each turned into a {@link QueryResult}, so one
 * failing query (bad SQL, a missing table or extension) never stops the others.
 *
 * <p>On a connection already inside a transaction each query runs under a savepoint, since on PostgreSQL one
 * error would otherwise abort every statement after it. Once the connection itself has failed, the
 * remaining queries are not attempted: each would only wait for its own timeout to report the same cause.
 */
public final class QueryRunner {
    /** Reads a whole result set into a value; must not return null. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final int timeoutSeconds;
    private SqlFailure lostConnection;

    /** @param timeout per query, so a locked table or a hung server cannot stall a check run */
    public QueryRunner(Connection connection, Duration timeout) {
        this.connection = connection;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
    }

    public <T> QueryResult<T> query(String name, NamedSql sql, Map<String, ?> params, Reader<T> reader) {
        if (lostConnection != null) {
            return QueryResult.failed(new SqlFailure(name, lostConnection.sqlState(),
                    "not run, the connection was lost earlier in this run: " + lostConnection.message(), true));
        }
        Savepoint savepoint = null;
        try {
            if (!connection.getAutoCommit()) savepoint = connection.setSavepoint();
            try (PreparedStatement ps = sql.prepare(connection, params)) {
                ps.setQueryTimeout(timeoutSeconds);
                try (ResultSet rs = ps.executeQuery()) {
                    T value = reader.read(rs);
                    if (savepoint != null) connection.releaseSavepoint(savepoint);
                    return QueryResult.of(value);
                }
            }
        } catch (SQLException e) {
            SqlFailure failure = SqlFailure.of(name, e);
            if (failure.connectionProblem()) lostConnection = failure;
            else rollbackTo(savepoint);
            return QueryResult.failed(failure);
        } catch (IllegalArgumentException e) {
            // A parameter the SQL names but the monitor does not provide: a mistake in an edited file.
            rollbackTo(savepoint);
            return QueryResult.failed(new SqlFailure(name, "", e.getMessage(), false));
        }
    }

    private void rollbackTo(Savepoint savepoint) {
        if (savepoint == null) return;
        try {
            connection.rollback(savepoint);
        } catch (SQLException ignored) {
            // the query's own failure is what gets reported
        }
    }
}
