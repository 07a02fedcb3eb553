package io.releasewatch.checks.business;

/** Result of orders.sql; {@code delivered24h} counts orders delivered within the last 24 hours. */
public record Orders(long total, long lastHour, long delivered24h, long cancelledTotal) {
}
