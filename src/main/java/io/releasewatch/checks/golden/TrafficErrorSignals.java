package io.releasewatch.checks.golden;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Traffic (requests per minute) and error rate (%) from two scrapes of a request counter.
 *
 * <p>Every label set of the counter is one series. The increase of each series between the two
 * scrapes is computed the Prometheus way: a lower value than before is a counter reset, so the
 * increase is the whole current value; a series that appears (a label set that had not been
 * incremented yet at the previous scrape) started from 0; a series that disappears contributes
 * nothing. Series whose status label fully matches the error regex are errors. Series with a
 * non-finite value (NaN, Inf) are ignored.
 *
 * <p>The class is immutable and thread-safe; the caller keeps the {@link Snapshot} returned in each
 * {@link Result} and passes it to the next call together with the monitor-clock time between the
 * two scrapes.
 */
public final class TrafficErrorSignals {
    public static final String DEFAULT_COUNTER = "http_requests_total";
    public static final String DEFAULT_STATUS_LABEL = "status";
    public static final String DEFAULT_ERROR_STATUS_REGEX = "5..";

    private final String counterName;
    private final String statusLabel;
    private final Pattern errorStatus;

    /** Defaults: {@code http_requests_total}, label {@code status}, errors {@code 5..}. */
    public TrafficErrorSignals() {
        this(DEFAULT_COUNTER, DEFAULT_STATUS_LABEL, DEFAULT_ERROR_STATUS_REGEX);
    }

    /**
     * @param counterName      name of the request counter sample, e.g. {@code http_requests_total}
     * @param statusLabel      label holding the response status, e.g. {@code status} or {@code code}
     * @param errorStatusRegex regex that must match the whole status label value for the series to count as errors
     * @throws IllegalArgumentException on an invalid metric name, label name or regex
     */
    public TrafficErrorSignals(String counterName, String statusLabel, String errorStatusRegex) {
        if (!PrometheusText.isValidMetricName(counterName)) {
            throw new IllegalArgumentException("invalid metric name: " + counterName);
        }
        if (!PrometheusText.isValidLabelName(statusLabel)) {
            throw new IllegalArgumentException("invalid label name: " + statusLabel);
        }
        Objects.requireNonNull(errorStatusRegex, "errorStatusRegex");
        try {
            this.errorStatus = Pattern.compile(errorStatusRegex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid error status regex: " + e.getMessage(), e);
        }
        this.counterName = counterName;
        this.statusLabel = statusLabel;
    }

    public String counterName() {
        return counterName;
    }

    public String statusLabel() {
        return statusLabel;
    }

    public String errorStatusRegex() {
        return errorStatus.pattern();
    }

    /**
     * The counter values of one scrape, to keep until the next call. Immutable.
     */
    public static final class Snapshot {
        private final String counterName;
        private final boolean present;
        private final Map<Map<String, String>, Double> series;

        private Snapshot(String counterName, boolean present, Map<Map<String, String>, Double> series) {
            this.counterName = counterName;
            this.present = present;
            this.series = Collections.unmodifiableMap(series);
        }

        /** The counter this snapshot holds. */
        public String counterName() {
            return counterName;
        }

        /** Whether the counter was present in the scrape. */
        public boolean metricPresent() {
            return present;
        }

        /** Counter value per label set (immutable). */
        public Map<Map<String, String>, Double> series() {
            return series;
        }

        @Override
        public String toString() {
            return "Snapshot[" + counterName + (present ? ", " + series.size() + " series]" : ", absent]");
        }
    }

    /**
     * @param requestsPerMinute requests per minute over the interval, null when unavailable
     * @param errorRatePercent  errors / requests x 100 over the interval, null when unavailable
     * @param detail            for people: counts and interval, or why a value is unavailable
     * @param snapshot          the current scrape's counters; pass it as {@code previous} next time
     */
    public record Result(Double requestsPerMinute, Double errorRatePercent, String detail, Snapshot snapshot) {
        public Result {
            Objects.requireNonNull(snapshot, "snapshot");
            detail = detail == null ? "" : detail;
        }
    }

    /** Extracts the configured counter's series from a scrape. */
    public Snapshot snapshot(PrometheusText scrape) {
        Objects.requireNonNull(scrape, "scrape");
        if (!scrape.contains(counterName)) {
            return new Snapshot(counterName, false, Map.of());
        }
        Map<Map<String, String>, Double> series = new LinkedHashMap<>();
        for (PrometheusText.Sample s : scrape.samples(counterName)) {
            if (!Double.isFinite(s.value())) continue;
            // A label set exposed twice is malformed; add them up rather than lose one.
            series.merge(s.labels(), s.value(), Double::sum);
        }
        return new Snapshot(counterName, true, series);
    }

    /**
     * Computes the signals between {@code previous} (null on the first scrape) and {@code current}.
     *
     * @param elapsed monitor-clock time between the two scrapes; may be null only when there is no previous
     */
    public Result compute(Snapshot previous, PrometheusText current, Duration elapsed) {
        return compute(previous, snapshot(current), elapsed);
    }

    /** As {@link #compute(Snapshot, PrometheusText, Duration)} with an already-taken current snapshot. */
    public Result compute(Snapshot previous, Snapshot current, Duration elapsed) {
        Objects.requireNonNull(current, "current");
        if (!current.counterName.equals(counterName)) {
            throw new IllegalArgumentException("current snapshot is for " + current.counterName
                    + ", this check reads " + counterName);
        }
        if (!current.present) {
            return unavailable("metric " + counterName + " not found in the scrape", current);
        }
        if (previous == null || !previous.counterName.equals(counterName)) {
            return unavailable("first scrape of " + counterName + ": traffic and error rate need two scrapes", current);
        }
        if (!previous.present) {
            return unavailable("metric " + counterName
                    + " was missing from the previous scrape: traffic and error rate need two scrapes", current);
        }
        if (elapsed == null || elapsed.isNegative() || elapsed.isZero()) {
            return unavailable("elapsed time between scrapes must be positive, was " + elapsed, current);
        }

        double seconds = elapsed.getSeconds() + elapsed.getNano() / 1e9;
        Counters.Delta all = Counters.delta(previous.series, current.series, k -> true);
        Counters.Delta errors = Counters.delta(previous.series, current.series, this::isError);
        boolean hasStatusLabel = current.series.keySet().stream().anyMatch(l -> l.containsKey(statusLabel));

        StringBuilder detail = new StringBuilder();
        Double rpm;
        Double errorRate;
        if (all.increase() <= 0) {
            rpm = 0.0;
            errorRate = 0.0;
            detail.append("no requests in interval (").append(fmt(seconds)).append(" s)");
        } else {
            rpm = all.increase() / (seconds / 60.0);
            errorRate = errors.increase() / all.increase() * 100.0;
            detail.append(fmt(all.increase())).append(" requests, ").append(fmt(errors.increase()))
                    .append(" errors (").append(statusLabel).append(" ~ ").append(errorStatus.pattern())
                    .append(") in ").append(fmt(seconds)).append(" s");
        }
        if (!hasStatusLabel) {
            errorRate = null;
            detail.append("; error rate unavailable: no series of ").append(counterName)
                    .append(" has a '").append(statusLabel).append("' label");
        }
        if (all.resets() > 0) {
            detail.append("; counter reset on ").append(all.resets()).append(" series");
        }
        if (all.newSeries() > 0) {
            detail.append("; ").append(all.newSeries()).append(" new series counted from 0");
        }
        if (all.vanishedSeries() > 0) {
            detail.append("; ").append(all.vanishedSeries()).append(" series disappeared");
        }
        return new Result(rpm, errorRate, detail.toString(), current);
    }

    private boolean isError(Map<String, String> labels) {
        String status = labels.get(statusLabel);
        return status != null && errorStatus.matcher(status).matches();
    }

    private static Result unavailable(String reason, Snapshot current) {
        return new Result(null, null, reason, current);
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
