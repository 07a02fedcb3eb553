package io.releasewatch.checks.baseline;

import java.util.Arrays;

/**
 * The most recent N samples in a ring buffer: fixed memory, exact statistics. Not thread-safe; the owning
 * {@link PerformanceBaseline} serialises access.
 */
final class RollingWindow {
    private final double[] millis;      // NaN for a request that got no response
    private final boolean[] errors;
    private int next;
    private int size;

    RollingWindow(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("window size must be at least 1, was " + capacity);
        this.millis = new double[capacity];
        this.errors = new boolean[capacity];
    }

    void add(double sampleMillis, boolean error) {
        millis[next] = sampleMillis;
        errors[next] = error;
        next = (next + 1) % millis.length;
        size = Math.min(size + 1, millis.length);
    }

    BaselineReport.Window stats() {
        int errorCount = 0;
        double[] timed = new double[size];
        int t = 0;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            if (errors[i]) errorCount++;
            if (!Double.isNaN(millis[i])) {
                timed[t++] = millis[i];
                sum += millis[i];
            }
        }
        if (t == 0) return new BaselineReport.Window(millis.length, size, errorCount, null, null);
        double[] sorted = Arrays.copyOf(timed, t);
        Arrays.sort(sorted);
        return new BaselineReport.Window(millis.length, size, errorCount, sum / t, Percentiles.interpolated(sorted, 95));
    }
}
