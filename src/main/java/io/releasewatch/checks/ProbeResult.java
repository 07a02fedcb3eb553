package io.releasewatch.checks;

import java.net.URI;
import java.time.Duration;

/**
 * What one HTTP request observed: the status code (or an error when there was no response), how long the
 * whole exchange took, and the response body for checks that read it.
 */
public record ProbeResult(URI url, int statusCode, Duration elapsed, String error, String body) {
    public static final int NO_RESPONSE = -1;

    public boolean answered() {
        return statusCode != NO_RESPONSE;
    }

    public boolean succeeded() {
        return statusCode >= 200 && statusCode < 300;
    }

    public double elapsedMillis() {
        return elapsed.toNanos() / 1_000_000.0;
    }

    /** "HTTP 503" or the error, for people. */
    public String outcome() {
        return answered() ? "HTTP " + statusCode : error;
    }
}
