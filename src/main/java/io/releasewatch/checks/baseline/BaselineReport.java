package io.releasewatch.checks.baseline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releasewatch.clock.Phase;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Guide 2.1's baseline report: response times since the release and over the most recent samples.
 * Percentiles interpolate between ranks (see {@link Percentiles}), exactly up to 1,000 samples and from the
 * histogram (within 0.1 %) beyond; latency figures cover requests that got a response
 * (any status), while {@code errors} also counts requests that got none. A figure is null when no request
 * has been answered yet, never 0.
 *
 * @param since        when the baseline started (the release)
 * @param at           when the report was taken (monitor clock)
 * @param samples      all recorded requests
 * @param errors       requests answered with a status outside 2xx, or not answered at all
 * @param timedSamples requests that got a response, the population of the latency figures
 * @param medianMs     p50 (the mean of the two middle values for an even count)
 * @param p95Ms        within 0.1 % (HdrHistogram, 3 significant digits)
 * @param p99Ms        within 0.1 %
 * @param avgMs        exact
 * @param minMs        exact
 * @param maxMs        exact
 * @param window       the most recent samples, exact
 */
public record BaselineReport(Instant since, Instant at, long samples, long errors, long timedSamples, Double avgMs,
                             Double medianMs, Double p95Ms, Double p99Ms, Double minMs, Double maxMs, Window window) {
    public static final String TYPE = "baseline";
    public static final String PERCENTILE_METHOD = "linear-interpolation";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The most recent samples.
     *
     * @param capacity how many samples the window holds when full
     * @param samples  how many it holds now
     * @param errors   of those, how many failed
     * @param avgMs    mean latency of the answered ones, or null
     * @param p95Ms    interpolated p95 of the answered ones, exact, or null
     */
    public record Window(int capacity, int samples, int errors, Double avgMs, Double p95Ms) {
    }

    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("since", since.toString()).put("at", at.toString()).put("percentile_method", PERCENTILE_METHOD)
                .put("samples", samples).put("errors", errors).put("timed_samples", timedSamples);
        n.put("avg_ms", avgMs).put("median_ms", medianMs).put("p95_ms", p95Ms).put("p99_ms", p99Ms)
                .put("min_ms", minMs).put("max_ms", maxMs);
        n.putObject("window").put("capacity", window.capacity()).put("samples", window.samples())
                .put("errors", window.errors()).put("avg_ms", window.avgMs()).put("p95_ms", window.p95Ms());
        return n.toString();
    }

    /**
     * Records for the metric pipeline (type "baseline"). Only the window p95 is judged, against
     * {@code p95LimitMs} (guide 2.1 alerts above 2 s); the since-release figures are the reference, not alarms.
     */
    public List<MetricRecord> toRecords(Instant time, Phase phase, double p95LimitMs) {
        List<MetricRecord> out = new ArrayList<>();
        String windowDetail = window.samples() + " most recent requests, " + window.errors() + " failed";
        out.add(measured(time, phase, "window_avg_ms", window.avgMs(), Status.OK, windowDetail));
        boolean slow = window.p95Ms() != null && window.p95Ms() > p95LimitMs;
        out.add(measured(time, phase, "window_p95_ms", window.p95Ms(), slow ? Status.WARNING : Status.OK,
                slow ? String.format(Locale.ROOT, "HIGH LATENCY: p95 %.0f ms above %.0f ms over the %d most recent requests",
                        window.p95Ms(), p95LimitMs, window.samples()) : windowDetail));
        String baseDetail = timedSamples + " timed of " + samples + " requests since " + since;
        out.add(measured(time, phase, "since_release_avg_ms", avgMs, Status.OK, baseDetail));
        out.add(measured(time, phase, "since_release_median_ms", medianMs, Status.OK, baseDetail));
        out.add(measured(time, phase, "since_release_p95_ms", p95Ms, Status.OK, baseDetail));
        out.add(measured(time, phase, "since_release_p99_ms", p99Ms, Status.OK, baseDetail));
        out.add(new MetricRecord(time, phase, TYPE, "since_release_errors", (double) errors, Status.OK,
                errors + " of " + samples + " requests failed since " + since));
        return out;
    }

    private static MetricRecord measured(Instant time, Phase phase, String name, Double value, Status status, String detail) {
        return value == null ? new MetricRecord(time, phase, TYPE, name, null, Status.UNAVAILABLE, "no answered request yet")
                : new MetricRecord(time, phase, TYPE, name, value, status, detail);
    }
}
