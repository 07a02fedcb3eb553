package io.releasewatch.checks.golden;

import io.releasewatch.checks.CheckRun;
import io.releasewatch.checks.HttpProbe;
import io.releasewatch.checks.ProbeResult;
import io.releasewatch.clock.Phase;
import io.releasewatch.clock.ReleaseClock;
import io.releasewatch.config.MonitorSettings.GoldenSettings;
import io.releasewatch.config.MonitorSettings.GoldenSettings.SaturationSource;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Guide 1.2: the four golden signals. Latency is measured by requesting the homepage and the API; traffic and
 * error rate come from the platform's Prometheus counters (deltas between two scrapes on the monitor clock);
 * saturation from a node_exporter endpoint or the monitor's own host. A signal without a source is
 * recorded as unavailable, never as 0.
 */
public final class GoldenSignalsCheck {
    public static final String TYPE = "golden_signals";

    private final HttpProbe probe;
    private final ReleaseClock release;
    private final GoldenSettings settings;
    private final TrafficErrorSignals traffic;
    private final NodeSaturation node;
    private final LocalHostSaturation local;
    private final Clock realClock;

    // Previous scrapes: counters and CPU seconds only mean something as differences.
    private TrafficErrorSignals.Snapshot lastTraffic;
    private Instant lastTrafficAt;
    private NodeSaturation.Snapshot lastNode;

    /**
     * @param realClock real time, used for request rates: the platform's counters grow in real time even when
     *                  the monitor clock runs faster for a rehearsal
     */
    public GoldenSignalsCheck(HttpProbe probe, ReleaseClock release, Clock realClock, GoldenSettings settings) {
        this.probe = probe;
        this.realClock = realClock;
        this.release = release;
        this.settings = settings;
        this.traffic = new TrafficErrorSignals(settings.requestMetric, settings.statusLabel, settings.errorStatusRegex);
        this.node = new NodeSaturation();
        this.local = new LocalHostSaturation(settings.localDiskPath);
    }

    public CheckRun run() {
        Instant time = release.now();
        Phase phase = release.phaseAt(time);
        CompletableFuture<ProbeResult> homepage = probe.get(settings.homepageUrl);
        CompletableFuture<ProbeResult> api = probe.get(settings.apiUrl);
        CompletableFuture<ProbeResult> metrics = settings.metricsUrl.map(probe::get).orElse(null);
        CompletableFuture<ProbeResult> nodeMetrics = settings.saturationSource == SaturationSource.NODE
                ? probe.get(settings.nodeMetricsUrl.orElseThrow()) : null;

        List<MetricRecord> records = new ArrayList<>();
        records.add(latency(time, phase, "latency_homepage_ms", "Homepage", homepage.join(), settings.homepageLatencyLimit));
        records.add(latency(time, phase, "latency_api_ms", "API", api.join(), settings.apiLatencyLimit));
        records.addAll(trafficAndErrors(time, phase, metrics == null ? null : metrics.join()));
        records.addAll(saturation(time, phase, nodeMetrics == null ? null : nodeMetrics.join()));

        Status overall = records.stream().map(MetricRecord::status).reduce(Status.UNAVAILABLE, Status::worst);
        long outOfBounds = records.stream().filter(r -> r.status() == Status.WARNING || r.status() == Status.CRITICAL).count();
        records.add(new MetricRecord(time, phase, TYPE, "run", (double) outOfBounds, overall,
                outOfBounds == 0 ? "all available signals within targets" : outOfBounds + " signals out of bounds"));

        return new CheckRun(TYPE, overall, records);
    }

    private MetricRecord latency(Instant time, Phase phase, String name, String label, ProbeResult r, Duration limit) {
        if (!r.answered()) {
            return new MetricRecord(time, phase, TYPE, name, null, Status.CRITICAL, r.error());
        }
        String seconds = String.format(Locale.ROOT, "%.2fs", r.elapsedMillis() / 1000);
        if (!r.succeeded()) {
            return new MetricRecord(time, phase, TYPE, name, r.elapsedMillis(), Status.CRITICAL, r.outcome() + " in " + seconds);
        }
        if (r.elapsed().compareTo(limit) > 0) {
            return new MetricRecord(time, phase, TYPE, name, r.elapsedMillis(), Status.WARNING,
                    label + " " + seconds + " above the " + limit.toMillis() + " ms target");
        }
        return new MetricRecord(time, phase, TYPE, name, r.elapsedMillis(), Status.OK, r.outcome() + " in " + seconds);
    }

    private List<MetricRecord> trafficAndErrors(Instant time, Phase phase, ProbeResult scrape) {
        if (scrape == null) {
            String why = "no metrics source configured (monitor.golden.metrics-url)";
            return List.of(unavailable(time, phase, "traffic_rpm", why), unavailable(time, phase, "error_rate_pct", why));
        }
        if (!scrape.succeeded()) {
            String why = "metrics endpoint " + scrape.outcome();
            return List.of(unavailable(time, phase, "traffic_rpm", why), unavailable(time, phase, "error_rate_pct", why));
        }
        PrometheusText text;
        try {
            text = PrometheusText.parse(scrape.body());
        } catch (PrometheusParseException e) {
            String why = "metrics endpoint sent malformed text: " + e.getMessage();
            return List.of(unavailable(time, phase, "traffic_rpm", why), unavailable(time, phase, "error_rate_pct", why));
        }
        TrafficErrorSignals.Result result;
        Duration elapsed;
        synchronized (this) {
            Instant scrapedAt = realClock.instant();
            elapsed = lastTrafficAt == null ? null : Duration.between(lastTrafficAt, scrapedAt);
            result = traffic.compute(lastTraffic, text, elapsed);
            lastTraffic = result.snapshot();
            lastTrafficAt = scrapedAt;
        }
        MetricRecord rpm = result.requestsPerMinute() == null ? unavailable(time, phase, "traffic_rpm", result.detail())
                : new MetricRecord(time, phase, TYPE, "traffic_rpm", result.requestsPerMinute(), Status.OK, result.detail());
        MetricRecord errors;
        if (result.errorRatePercent() == null) {
            errors = unavailable(time, phase, "error_rate_pct", result.detail());
        } else if (result.requestsPerMinute() * elapsed.toNanos() / 60e9 < settings.errorRateMinRequests) {
            // A handful of requests makes a noisy percentage (1 error in 15 is 6.7 %): too little data to judge,
            // so the rate is unknown rather than a number rules would alert on.
            errors = unavailable(time, phase, "error_rate_pct",
                    result.detail() + "; fewer than " + settings.errorRateMinRequests + " requests, not judged");
        } else if (result.errorRatePercent() > settings.errorRateLimitPercent) {
            String text2 = String.format(Locale.ROOT, "HIGH ERROR RATE: %.2f%% (limit %.1f%%)", result.errorRatePercent(),
                    settings.errorRateLimitPercent);
            errors = new MetricRecord(time, phase, TYPE, "error_rate_pct", result.errorRatePercent(), Status.WARNING, text2);
        } else {
            errors = new MetricRecord(time, phase, TYPE, "error_rate_pct", result.errorRatePercent(), Status.OK, result.detail());
        }
        return List.of(rpm, errors);
    }

    private List<MetricRecord> saturation(Instant time, Phase phase, ProbeResult nodeScrape) {
        Saturation s;
        switch (settings.saturationSource) {
            case NONE -> {
                String why = "no saturation source configured (monitor.golden.saturation-source=none)";
                return List.of(unavailable(time, phase, "cpu_pct", why), unavailable(time, phase, "memory_pct", why),
                        unavailable(time, phase, "disk_pct", why));
            }
            case LOCAL -> s = local.measure();
            default -> {
                if (!nodeScrape.succeeded()) {
                    String why = "node metrics endpoint " + nodeScrape.outcome();
                    return List.of(unavailable(time, phase, "cpu_pct", why), unavailable(time, phase, "memory_pct", why),
                            unavailable(time, phase, "disk_pct", why));
                }
                try {
                    NodeSaturation.Snapshot current = node.snapshot(PrometheusText.parse(nodeScrape.body()));
                    synchronized (this) {
                        s = node.measure(lastNode, current);
                        lastNode = current;
                    }
                } catch (PrometheusParseException e) {
                    String why = "node metrics endpoint sent malformed text: " + e.getMessage();
                    return List.of(unavailable(time, phase, "cpu_pct", why), unavailable(time, phase, "memory_pct", why),
                            unavailable(time, phase, "disk_pct", why));
                }
            }
        }
        return List.of(level(time, phase, "cpu_pct", s.cpu()), level(time, phase, "memory_pct", s.memory()),
                level(time, phase, "disk_pct", s.disk()));
    }

    private MetricRecord level(Instant time, Phase phase, String name, Saturation.Reading r) {
        if (!r.available()) return unavailable(time, phase, name, r.detail());
        Status st = r.percent() >= settings.saturationCriticalPercent ? Status.CRITICAL
                : r.percent() >= settings.saturationWarnPercent ? Status.WARNING : Status.OK;
        return new MetricRecord(time, phase, TYPE, name, r.percent(), st, r.detail());
    }

    private static MetricRecord unavailable(Instant time, Phase phase, String name, String why) {
        return new MetricRecord(time, phase, TYPE, name, null, Status.UNAVAILABLE, why);
    }
}
