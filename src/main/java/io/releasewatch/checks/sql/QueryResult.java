package io.releasewatch.checks.sql;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of one query against a monitored database: a value, or the reason there is none. Keeping the
 * reason next to the missing value is what lets a report say "unavailable: extension not installed" instead
 * of a misleading 0.
 *
 * @param value   the result, or null when unavailable
 * @param reason  why the value is missing (never blank then); "" when available
 * @param failure the failed query when a SQL error is the reason, else null (e.g. an extension not installed)
 */
public record QueryResult<T>(T value, String reason, SqlFailure failure) {
    public QueryResult {
        reason = reason == null ? "" : reason;
        if (value == null && reason.isBlank()) throw new IllegalArgumentException("an unavailable result needs a reason");
    }

    public static <T> QueryResult<T> of(T value) {
        return new QueryResult<>(Objects.requireNonNull(value, "value"), "", null);
    }

    public static <T> QueryResult<T> unavailable(String reason) {
        return new QueryResult<>(null, reason, null);
    }

    public static <T> QueryResult<T> failed(SqlFailure failure) {
        return new QueryResult<>(null, failure.describe(), failure);
    }

    public boolean available() {
        return value != null;
    }

    public boolean connectionProblem() {
        return failure != null && failure.connectionProblem();
    }

    public Optional<T> asOptional() {
        return Optional.ofNullable(value);
    }

    public <R> QueryResult<R> map(Function<T, R> f) {
        return available() ? QueryResult.of(f.apply(value)) : new QueryResult<>(null, reason, failure);
    }
}
