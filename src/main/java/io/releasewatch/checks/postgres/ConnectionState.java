package io.releasewatch.checks.postgres;

/**
 * Sessions in one state ("active", "idle", "idle in transaction", ...), the monitor's own excluded.
 *
 * @param oldestQuerySeconds age of the oldest query start among them: for "active" the longest-running query,
 *                           for idle states how long since the oldest of them last started a query; null when
 *                           the server did not report a start time
 */
public record ConnectionState(String state, long count, Double oldestQuerySeconds) {
}
