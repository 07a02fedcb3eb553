package io.releasewatch.checks.baseline;

import io.releasewatch.checks.ProbeResult;
import java.time.Clock;
import java.time.Instant;
import org.HdrHistogram.Histogram;

/**
 * Guide 2.1: response times since the release and over a short rolling window.
 *
 * <p>The since-release figures come from an HdrHistogram (3 significant digits, values in microseconds), so
 * memory depends on the range of latencies seen, not on how many were recorded: a day at hundreds of
 * samples a second costs the same as a day at one a minute. The guide instead keeps every sample in a list.
 * Average, minimum and maximum are tracked exactly alongside. The window is a small exact ring buffer.
 *
 * <p>Thread-safe: probes complete on HTTP client threads.
 */
public final class PerformanceBaseline {
    public static final int DEFAULT_WINDOW = 10;
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Clock clock;
    private final Instant since;
    /** Up to this many timed samples the since-release percentiles are computed exactly from the samples. */
    static final int EXACT_LIMIT = 1000;

    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS); // auto-resizes with the value range
    // The first samples, kept so that small baselines get exact interpolated percentiles; dropped once the
    // histogram takes over, so memory stays bounded.
    private double[] firstSamples = new double[64];
    private final RollingWindow window;
    private long samples;
    private long errors;
    private double sumMillis;
    private double minMillis = Double.POSITIVE_INFINITY;
    private double maxMillis = Double.NEGATIVE_INFINITY;

    public PerformanceBaseline(Clock clock, Instant since) {
        this(clock, since, DEFAULT_WINDOW);
    }

    /**
     * @param clock      the monitor clock, which dates reports
     * @param since      start of the baseline, normally the release time
     * @param windowSize how many recent samples the rolling window holds
     */
    public PerformanceBaseline(Clock clock, Instant since, int windowSize) {
        this.clock = clock;
        this.since = since;
        this.window = new RollingWindow(windowSize);
    }

    /** A request that got a response; any status outside 2xx counts as an error. */
    public synchronized void record(double millis, int statusCode) {
        if (!(millis >= 0) || Double.isInfinite(millis)) throw new IllegalArgumentException("response time must be >= 0 ms, was " + millis);
        if (statusCode < 100 || statusCode > 599) throw new IllegalArgumentException("not an HTTP status: " + statusCode);
        boolean error = statusCode < 200 || statusCode > 299;
        samples++;
        if (error) errors++;
        // Microsecond resolution: below that, rounding would exceed the histogram's 0.1 % for sub-ms values anyway.
        histogram.recordValue(Math.round(millis * 1000));
        keepExact(millis);
        sumMillis += millis;
        minMillis = Math.min(minMillis, millis);
        maxMillis = Math.max(maxMillis, millis);
        window.add(millis, error);
    }

    /** A request that got no response (refused, timed out): an error with no latency to count. */
    public synchronized void recordNoResponse() {
        samples++;
        errors++;
        window.add(Double.NaN, true);
    }

    public void record(ProbeResult result) {
        if (result.answered()) record(result.elapsedMillis(), result.statusCode());
        else recordNoResponse();
    }

    public synchronized BaselineReport report() {
        long timed = histogram.getTotalCount();
        Instant at = clock.instant();
        if (timed == 0) {
            return new BaselineReport(since, at, samples, errors, 0, null, null, null, null, null, null, window.stats());
        }
        return new BaselineReport(since, at, samples, errors, timed, sumMillis / timed, percentile(50), percentile(95),
                percentile(99), minMillis, maxMillis, window.stats());
    }

    private void keepExact(double millis) {
        long timed = histogram.getTotalCount();
        if (firstSamples == null) return;
        if (timed > EXACT_LIMIT) {
            firstSamples = null;
            return;
        }
        if (timed > firstSamples.length) firstSamples = java.util.Arrays.copyOf(firstSamples, Math.min(EXACT_LIMIT, firstSamples.length * 2));
        firstSamples[(int) timed - 1] = millis;
    }

    /**
     * Exact (interpolated) while there are at most {@link #EXACT_LIMIT} samples. Beyond, the histogram answers
     * by nearest rank within 0.1 %; with that many samples, neighbouring ranks lie close together anyway. Its
     * answer can lie just past the largest sample, and clamping to the exact extremes only moves it closer.
     */
    private double percentile(double p) {
        long timed = histogram.getTotalCount();
        if (firstSamples != null) {
            double[] sorted = java.util.Arrays.copyOf(firstSamples, (int) timed);
            java.util.Arrays.sort(sorted);
            return Percentiles.interpolated(sorted, p);
        }
        double millis = histogram.getValueAtPercentile(p) / 1000.0;
        return Math.max(minMillis, Math.min(maxMillis, millis));
    }

    /** Bytes held by the since-release histogram: grows with the latency range, never with the sample count. */
    public synchronized int histogramFootprintBytes() {
        return histogram.getEstimatedFootprintInBytes();
    }
}
