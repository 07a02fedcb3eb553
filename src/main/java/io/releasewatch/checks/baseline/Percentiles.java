package io.releasewatch.checks.baseline;

/**
 * Percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value at rank
 * ceil(p/100 x n), counting from 1. It is always one of the observed values and is defined for any n >= 1
 * (one sample is its own p95). HdrHistogram's {@code getValueAtPercentile} uses the same rank, so the
 * exact window and the histogram-backed baseline agree on what "p95" means.
 */
final class Percentiles {
    private Percentiles() {
    }

    /** @param sorted ascending, at least one value */
    static double nearestRank(double[] sorted, double percentile) {
        if (sorted.length == 0) throw new IllegalArgumentException("no values");
        if (!(percentile > 0 && percentile <= 100)) throw new IllegalArgumentException("percentile must be in (0, 100]");
        // Integer arithmetic on hundredths of a percent avoids 0.95 * 20 = 19.000000000000004 rounding up to 20.
        long scaled = Math.round(percentile * 100);
        long rank = (scaled * sorted.length + 9_999) / 10_000;
        return sorted[(int) Math.max(1, rank) - 1];
    }
}
