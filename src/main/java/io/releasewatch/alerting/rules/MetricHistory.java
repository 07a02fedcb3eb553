package io.releasewatch.alerting.rules;

import io.releasewatch.metrics.MetricRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recent metric records, by series (check type + name), that alert rules are evaluated against.
 * Implementations must be safe to read while records are being added.
 */
public interface MetricHistory {
    /** Series names seen for a check type (e.g. "api", "database", "run" for "health"); empty for an unknown type. */
    Set<String> names(String type);

    /** The newest record of a series. */
    Optional<MetricRecord> latest(String type, String name);

    /** The records of a series with {@code fromInclusive <= time <= toInclusive}, oldest first. */
    List<MetricRecord> window(String type, String name, Instant fromInclusive, Instant toInclusive);
}
