package io.releasewatch.checks.postgres;

import io.releasewatch.checks.CheckRun;
import io.releasewatch.clock.Phase;
import io.releasewatch.clock.ReleaseClock;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Guide 2.2 as a scheduled check: one snapshot of the platform's PostgreSQL per run. */
public final class PostgresCheck {
    private final PostgresPerformance performance;
    private final ReleaseClock release;
    private final String unavailableReason;

    /** @param performance null when no PostgreSQL is configured; every run then says why (never a 0). */
    public PostgresCheck(PostgresPerformance performance, ReleaseClock release, String unavailableReason) {
        this.performance = performance;
        this.release = release;
        this.unavailableReason = unavailableReason;
    }

    public CheckRun run() {
        Instant time = release.now();
        Phase phase = release.phaseAt(time);
        if (performance == null) {
            MetricRecord r = new MetricRecord(time, phase, PostgresSnapshot.TYPE, "run", null, Status.UNAVAILABLE, unavailableReason);
            return new CheckRun(PostgresSnapshot.TYPE, Status.UNAVAILABLE, List.of(r));
        }
        List<MetricRecord> records = new ArrayList<>(performance.collect().toRecords(time, phase));
        Status overall = records.stream().map(MetricRecord::status).reduce(Status.UNAVAILABLE, Status::worst);
        long problems = records.stream().filter(r -> r.status() == Status.WARNING || r.status() == Status.CRITICAL).count();
        records.add(new MetricRecord(time, phase, PostgresSnapshot.TYPE, "run", (double) problems, overall,
                problems == 0 ? "no database problem found" : problems + " database signals out of bounds"));
        return new CheckRun(PostgresSnapshot.TYPE, overall, records);
    }
}
