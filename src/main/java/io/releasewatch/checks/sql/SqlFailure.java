package io.releasewatch.checks.sql;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * Why one query against a monitored database failed, with the database's own message, and whether the
 * connection itself is the cause: a lost or refused connection calls for a "database connection issues"
 * alert, while bad SQL or a missing table is a configuration problem with that one query.
 *
 * @param query              which query failed (file name without extension)
 * @param sqlState           the SQLState the driver reported, or "" when none
 * @param message            the database's message
 * @param connectionProblem  true when the connection is the cause rather than the query
 */
public record SqlFailure(String query, String sqlState, String message, boolean connectionProblem) {
    /**
     * SQLStates that mean the server went away rather than rejected the query: PostgreSQL sends 57P01-57P03 to
     * every session when it shuts down, crashes or is still starting, before the socket closes (class 08).
     */
    private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03");

    public SqlFailure {
        sqlState = sqlState == null ? "" : sqlState;
        message = message == null || message.isBlank() ? "no message from the driver" : message;
    }

    public static SqlFailure of(String query, SQLException e) {
        return new SqlFailure(query, e.getSQLState(), e.getMessage(), isConnectionProblem(e));
    }

    /**
     * SQLState class 08 (connection exception), class 28 (the login was refused: wrong password or role, so no
     * connection either), a shutting-down server, or a refused/unreachable socket.
     */
    public static boolean isConnectionProblem(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if (state != null && (state.startsWith("08") || state.startsWith("28") || SERVER_GONE.contains(state))) return true;
            for (Throwable t = s.getCause(); t != null; t = t.getCause()) {
                if (t instanceof ConnectException || t instanceof NoRouteToHostException
                        || t instanceof UnknownHostException || t instanceof SocketException) return true;
            }
            String msg = s.getMessage();
            if (msg != null && msg.toLowerCase(Locale.ROOT).contains("connection refused")) return true;
        }
        return false;
    }

    /** "orders: ERROR: relation ... does not exist (SQLState 42P01)", for details and logs. */
    public String describe() {
        return query + ": " + message + (sqlState.isEmpty() ? "" : " (SQLState " + sqlState + ")");
    }
}
