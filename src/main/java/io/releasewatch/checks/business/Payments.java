package io.releasewatch.checks.business;

/**
 * Result of payments.sql.
 *
 * @param last24h         transactions in the last 24 hours: the base of the failure rate
 * @param failed24h       failed transactions in the last 24 hours
 * @param revenue24hCents succeeded amounts in the last 24 hours, in the smallest currency unit
 */
public record Payments(long total, long lastHour, long last24h, long failed24h, long revenue24hCents) {
    /** Failed share of the last 24 hours' transactions in percent, or null when there were none. */
    public Double failurePercent24h() {
        return last24h == 0 ? null : failed24h * 100.0 / last24h;
    }
}
