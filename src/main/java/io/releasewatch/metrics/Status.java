package io.releasewatch.metrics;

import java.util.Locale;

/** Outcome of one check. Ordered from best to worst so runs can take the worst of their parts. */
public enum Status {
    OK,
    WARNING,
    CRITICAL,
    /** No source is configured or reachable for this signal: it is not known, and never reported as 0. */
    UNAVAILABLE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    /** The more severe of two statuses; UNAVAILABLE never hides a real WARNING or CRITICAL. */
    public Status worst(Status other) {
        if (this == UNAVAILABLE) return other == OK ? this : other;
        if (other == UNAVAILABLE) return this == OK ? other : this;
        return compareTo(other) >= 0 ? this : other;
    }
}
