package io.releasewatch.checks.business;

/**
 * One business rule that fired.
 *
 * @param code    stable identifier, e.g. ZERO_REGISTRATIONS
 * @param metric  the record name the finding is about, e.g. registrations_last_hour
 * @param message for people
 */
public record Finding(String code, String metric, String message) {
}
