package io.releasewatch.checks.business;

import io.releasewatch.checks.sql.QueryResult;
import io.releasewatch.checks.sql.SqlFailure;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What one run of the business queries read, each part present or missing with the database's reason.
 *
 * @param time the monitor-clock time the windows were computed from
 */
public record BusinessSnapshot(Instant time, QueryResult<Registrations> registrations, QueryResult<Orders> orders,
                               QueryResult<Payments> payments, QueryResult<List<ErrorEvent>> errors) {
    public BusinessSnapshot {
        Objects.requireNonNull(time, "time");
        errors = errors.map(List::copyOf);
    }

    /** A database that could not be reached: every query carries the same cause. */
    public static BusinessSnapshot unreachable(Instant time, SqlFailure cause) {
        return new BusinessSnapshot(time, QueryResult.failed(rename(cause, BusinessQueries.REGISTRATIONS)),
                QueryResult.failed(rename(cause, BusinessQueries.ORDERS)), QueryResult.failed(rename(cause, BusinessQueries.PAYMENTS)),
                QueryResult.failed(rename(cause, BusinessQueries.ERRORS)));
    }

    private static SqlFailure rename(SqlFailure f, String query) {
        return new SqlFailure(query, f.sqlState(), f.message(), f.connectionProblem());
    }

    /** The queries that failed, in run order. */
    public List<SqlFailure> failures() {
        return Stream.of(registrations, orders, payments, errors).map(QueryResult::failure).filter(Objects::nonNull).toList();
    }
}
