package io.releasewatch.checks.baseline;

import io.releasewatch.checks.CheckRun;
import io.releasewatch.checks.HttpProbe;
import io.releasewatch.checks.ProbeResult;
import io.releasewatch.clock.Phase;
import io.releasewatch.clock.ReleaseClock;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guide 2.1: samples the homepage and the API on each run and keeps, per target, a rolling window and the
 * baseline since the release. Writes the report to {@code baseline_report.json} in the data dir.
 */
public final class BaselineCheck {
    private static final Logger LOG = LoggerFactory.getLogger(BaselineCheck.class);

    private final HttpProbe probe;
    private final ReleaseClock release;
    private final Clock clock;
    private final Map<String, URI> targets;
    private final int windowSize;
    private final Duration p95Limit;
    private final Path reportFile;
    private final Map<String, PerformanceBaseline> baselines = new LinkedHashMap<>();
    private Instant baselineRelease;

    public BaselineCheck(HttpProbe probe, ReleaseClock release, Map<String, URI> targets, int windowSize, Duration p95Limit, Path dataDir) {
        this.probe = probe;
        this.release = release;
        this.clock = release.clock();
        this.targets = Map.copyOf(targets);
        this.windowSize = windowSize;
        this.p95Limit = p95Limit;
        this.reportFile = dataDir.resolve("baseline_report.json");
    }

    public synchronized CheckRun run() {
        Instant time = release.now();
        Phase phase = release.phaseAt(time);
        if (!release.releaseTime().equals(baselineRelease)) {
            // A new release starts a new baseline.
            baselines.clear();
            baselineRelease = release.releaseTime();
        }
        Map<String, CompletableFuture<ProbeResult>> pending = new LinkedHashMap<>();
        targets.forEach((name, url) -> pending.put(name, probe.get(url)));

        List<MetricRecord> records = new ArrayList<>();
        StringBuilder json = new StringBuilder("{\"release\":\"").append(baselineRelease).append("\",\"at\":\"").append(time).append("\"");
        Status overall = Status.UNAVAILABLE;
        for (var e : pending.entrySet()) {
            PerformanceBaseline b = baselines.computeIfAbsent(e.getKey(), k -> new PerformanceBaseline(clock, baselineRelease, windowSize));
            b.record(e.getValue().join());
            BaselineReport report = b.report();
            for (MetricRecord r : report.toRecords(time, phase, p95Limit.toMillis())) {
                MetricRecord named = new MetricRecord(r.time(), r.phase(), r.type(), e.getKey() + "_" + r.name(), r.value(), r.status(), r.details());
                records.add(named);
                overall = overall.worst(named.status());
            }
            json.append(",\"").append(e.getKey()).append("\":").append(report.toJson());
        }
        json.append("}");
        writeReport(json.toString());
        records.add(new MetricRecord(time, phase, BaselineReport.TYPE, "run", (double) records.size(), overall,
                "baseline of " + String.join(", ", targets.keySet()) + " since " + baselineRelease));
        return new CheckRun(BaselineReport.TYPE, overall, records);
    }

    private void writeReport(String json) {
        try {
            Files.createDirectories(reportFile.getParent());
            Path tmp = reportFile.resolveSibling(reportFile.getFileName() + ".tmp");
            Files.writeString(tmp, json + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, reportFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The figures are also in the store and on the dashboard; a full disk must not stop the check.
            LOG.warn("Cannot write {}: {}", reportFile, e.getMessage());
        }
    }
}
