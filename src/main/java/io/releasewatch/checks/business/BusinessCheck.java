package io.releasewatch.checks.business;

import io.releasewatch.checks.CheckRun;
import io.releasewatch.clock.Phase;
import io.releasewatch.clock.ReleaseClock;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guide 2.3 as a scheduled check: runs the operator's business SQL, judges the guide's four rules, appends
 * the status as a JSON line to {@code business_metrics_YYYYMMDD.log} and hands the records to the pipeline.
 */
public final class BusinessCheck {
    private static final Logger LOG = LoggerFactory.getLogger(BusinessCheck.class);

    private final BusinessMetrics metrics;
    private final ReleaseClock release;
    private final Path dataDir;
    private final String unavailableReason;

    /** @param metrics null when no platform database is configured; every run then says why. */
    public BusinessCheck(BusinessMetrics metrics, ReleaseClock release, Path dataDir, String unavailableReason) {
        this.metrics = metrics;
        this.release = release;
        this.dataDir = dataDir;
        this.unavailableReason = unavailableReason;
    }

    public CheckRun run() {
        Instant time = release.now();
        Phase phase = release.phaseAt(time);
        if (metrics == null) {
            MetricRecord r = new MetricRecord(time, phase, BusinessReport.TYPE, "run", null, Status.UNAVAILABLE, unavailableReason);
            return new CheckRun(BusinessReport.TYPE, Status.UNAVAILABLE, List.of(r));
        }
        BusinessReport report = metrics.run();
        append(report);
        List<MetricRecord> records = new ArrayList<>(report.toRecords(phase));
        Status overall = report.health().status();
        records.add(new MetricRecord(report.snapshot().time(), phase, BusinessReport.TYPE, "run", (double) report.findings().size(),
                overall, report.health().name() + " (" + report.findings().size() + " findings)"));
        return new CheckRun(BusinessReport.TYPE, overall, records);
    }

    private void append(BusinessReport report) {
        try {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve(report.logFileName()), report.toJsonLine() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The records still reach the store and the rules; a full disk must not stop the check.
            LOG.warn("Cannot append to {}: {}", report.logFileName(), e.getMessage());
        }
    }
}
