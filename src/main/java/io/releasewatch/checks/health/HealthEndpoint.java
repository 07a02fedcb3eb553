package io.releasewatch.checks.health;

import java.net.URI;

/**
 * One endpoint of the critical health check. A failing CRITICAL endpoint (application, database, API)
 * makes the run CRITICAL; a failing DEGRADED one (external providers) only makes it WARNING.
 */
public record HealthEndpoint(String name, URI url, Criticality criticality) {
    public enum Criticality { CRITICAL, DEGRADED }
}
