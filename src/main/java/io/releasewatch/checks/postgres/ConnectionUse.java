package io.releasewatch.checks.postgres;

/**
 * Client connections against the server's limit.
 *
 * @param used     client backends, the monitor's own included (it takes a slot too)
 * @param max      max_connections
 * @param reserved superuser_reserved_connections, the part of max ordinary roles cannot use
 */
public record ConnectionUse(long used, int max, int reserved) {
    /** Percent of max_connections in use, as the guide's "connection usage" means it. */
    public double usedPercent() {
        return max == 0 ? 0 : used * 100.0 / max;
    }
}
