package io.releasewatch.checks.business;

import io.releasewatch.metrics.Status;
import java.util.List;

/** Guide 2.3's verdict on a run, from how many business rules fired. */
public enum BusinessHealth {
    HEALTHY(Status.OK),
    DEGRADED(Status.WARNING),
    UNHEALTHY(Status.CRITICAL),
    /**
     * No rule fired but some could not be evaluated because their query failed: "healthy" would claim
     * what was not checked.
     */
    UNKNOWN(Status.UNAVAILABLE);

    private final Status status;

    BusinessHealth(Status status) {
        this.status = status;
    }

    public Status status() {
        return status;
    }

    /** No finding: healthy (or unknown); fewer than 3: degraded; 3 or more: unhealthy. */
    public static BusinessHealth of(List<Finding> findings, List<String> rulesNotEvaluated) {
        if (findings.isEmpty()) return rulesNotEvaluated.isEmpty() ? HEALTHY : UNKNOWN;
        return findings.size() < 3 ? DEGRADED : UNHEALTHY;
    }
}
