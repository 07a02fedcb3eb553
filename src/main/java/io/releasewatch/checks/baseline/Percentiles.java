package io.releasewatch.checks.baseline;

/**
 * Percentiles by linear interpolation between the two nearest ranks (Hyndman-Fan type 7, the default of
 * numpy, R and spreadsheets): with n sorted values the p-th percentile sits at position (n - 1) x p / 100.
 * Defined for any n >= 1 and, unlike nearest rank, not simply the maximum when there are few samples:
 * the p95 of 100, 200, 300, 400, 500 is 480.
 */
final class Percentiles {
    private Percentiles() {
    }

    /** @param sorted ascending, at least one value */
    static double interpolated(double[] sorted, double percentile) {
        if (sorted.length == 0) throw new IllegalArgumentException("no values");
        if (!(percentile >= 0 && percentile <= 100)) throw new IllegalArgumentException("percentile must be in [0, 100]");
        double position = (sorted.length - 1) * percentile / 100.0;
        int below = (int) Math.floor(position);
        if (below >= sorted.length - 1) return sorted[sorted.length - 1];
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
    }
}
