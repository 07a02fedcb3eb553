package io.releasewatch.checks.business;

/** Result of registrations.sql. */
public record Registrations(long total, long lastHour, long last24h) {
}
