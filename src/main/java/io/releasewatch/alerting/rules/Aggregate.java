package io.releasewatch.alerting.rules;

import java.util.Locale;

/**
 * How a rule turns a series into one observed value. Every aggregate except {@link #LATEST} works on the records
 * with time in [now - window, now].
 */
public enum Aggregate {
    /** The newest record's value, whatever its age. */
    LATEST,
    /** Mean of the non-null values in the window. */
    AVG,
    /** Smallest non-null value in the window. */
    MIN,
    /** Largest non-null value in the window. */
    MAX,
    /** Median of the non-null values in the window (nearest rank). */
    P50,
    /** 95th percentile of the non-null values in the window (nearest rank). */
    P95,
    /** 99th percentile of the non-null values in the window (nearest rank). */
    P99,
    /**
     * Percentage (0-100) of the window's records with status WARNING or CRITICAL, among those whose status is known:
     * UNAVAILABLE records count neither as failures nor as successes. Values are not used.
     */
    FAILURE_RATE,
    /** Number of records in the window, whatever their value or status. */
    COUNT;

    /** The name used in rule files: latest, avg, min, max, p50, p95, p99, failure_rate, count. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
