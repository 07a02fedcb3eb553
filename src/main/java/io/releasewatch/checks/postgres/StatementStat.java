package io.releasewatch.checks.postgres;

/**
 * One normalised statement from pg_stat_statements (constants replaced by $1, $2 ...), cumulative since the
 * last reset.
 */
public record StatementStat(String query, long calls, double totalMs, double meanMs, double stddevMs, long rows) {
    /** The query text cut to {@code max} characters on one line, for details and alerts. */
    public String shortQuery(int max) {
        String oneLine = query.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "\u2026";
    }
}
