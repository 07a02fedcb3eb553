package io.releasewatch.checks.business;

import io.releasewatch.checks.sql.QueryResult;
import io.releasewatch.checks.sql.QueryRunner;
import io.releasewatch.checks.sql.SqlFailure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Guide 2.3: runs the four business queries against the platform's database over plain JDBC and judges the
 * results. Time windows come from the monitor clock and are bound as parameters, never taken from the
 * database's now(). Each query stands alone: one that fails is reported with the database's message and
 * the others still run.
 */
public final class BusinessMetrics {
    private final DataSource dataSource;
    private final BusinessQueries queries;
    private final BusinessRules rules;
    private final Clock clock;
    private final Duration queryTimeout;

    public BusinessMetrics(DataSource dataSource, BusinessQueries queries, BusinessRules rules, Clock clock, Duration queryTimeout) {
        this.dataSource = dataSource;
        this.queries = queries;
        this.rules = rules;
        this.clock = clock;
        this.queryTimeout = queryTimeout;
    }

    /** The parameters every business query may use, from the monitor's current time. */
    public static Map<String, Instant> windows(Instant now) {
        return Map.of("now", now, "since_1h", now.minus(Duration.ofHours(1)), "since_24h", now.minus(Duration.ofHours(24)));
    }

    /** Opens a read-only connection, runs the queries and judges them; never throws for database trouble. */
    public BusinessReport run() {
        Instant now = clock.instant();
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            return BusinessReport.of(BusinessSnapshot.unreachable(now, SqlFailure.of("connect", e)), rules);
        }
        try {
            readOnlyIfPossible(c);
            return BusinessReport.of(collect(c, now), rules);
        } finally {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a connection lost during the run is already in the report
            }
        }
    }

    /** Runs the queries on the caller's connection with windows ending at {@code now}. */
    public BusinessSnapshot collect(Connection c, Instant now) {
        QueryRunner q = new QueryRunner(c, queryTimeout);
        Map<String, Instant> params = windows(now);
        QueryResult<Registrations> reg = q.query(BusinessQueries.REGISTRATIONS, queries.get(BusinessQueries.REGISTRATIONS), params,
                rs -> {
                    one(rs, BusinessQueries.REGISTRATIONS);
                    return new Registrations(rs.getLong("total"), rs.getLong("last_hour"), rs.getLong("last_24h"));
                });
        QueryResult<Orders> orders = q.query(BusinessQueries.ORDERS, queries.get(BusinessQueries.ORDERS), params, rs -> {
            one(rs, BusinessQueries.ORDERS);
            return new Orders(rs.getLong("total"), rs.getLong("last_hour"), rs.getLong("delivered_24h"), rs.getLong("cancelled_total"));
        });
        QueryResult<Payments> payments = q.query(BusinessQueries.PAYMENTS, queries.get(BusinessQueries.PAYMENTS), params, rs -> {
            one(rs, BusinessQueries.PAYMENTS);
            return new Payments(rs.getLong("total"), rs.getLong("last_hour"), rs.getLong("last_24h"), rs.getLong("failed_24h"),
                    rs.getLong("revenue_24h_cents"));
        });
        QueryResult<List<ErrorEvent>> errors = q.query(BusinessQueries.ERRORS, queries.get(BusinessQueries.ERRORS), params, rs -> {
            List<ErrorEvent> out = new ArrayList<>();
            while (rs.next()) out.add(new ErrorEvent(rs.getString("event"), rs.getLong("event_count")));
            return out;
        });
        return new BusinessSnapshot(now, reg, orders, payments, errors);
    }

    /**
     * A safety net only: the monitoring role's privileges are what keep the monitor read-only. sqlite-jdbc
     * refuses the switch on an open connection (it is set with SQLiteConfig#setReadOnly or open_mode on the
     * URL instead), and that must not stop the run.
     */
    private static void readOnlyIfPossible(Connection c) {
        try {
            c.setReadOnly(true);
        } catch (SQLException ignored) {
            // see above
        }
    }

    private static void one(ResultSet rs, String query) throws SQLException {
        // An edited query that returns no row is a mistake in the file, reported like bad SQL.
        if (!rs.next()) throw new SQLException(query + ".sql returned no row; it must return exactly one");
    }
}
