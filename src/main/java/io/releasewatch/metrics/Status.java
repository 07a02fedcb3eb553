package io.releasewatch.metrics;

import java.util.Locale;

/**
 * Outcome of one check, ordered by how much it tells: a run takes the worst of its parts, and an unknown part
 * never hides a known one.
 */
public enum Status {
    /** No source is configured or reachable for this signal: it is not known, and never reported as 0. */
    UNAVAILABLE,
    OK,
    WARNING,
    CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    /** The more severe of two statuses; only when both are unknown is the result UNAVAILABLE. */
    public Status worst(Status other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
