package io.releasewatch.checks.business;

/** One row of errors.sql: an error event and how often it occurred in the last hour. */
public record ErrorEvent(String event, long count) {
}
