package io.releasewatch.bench;

import io.releasewatch.alerting.SeverityPolicy;
import io.releasewatch.clock.Phase;
import io.releasewatch.clock.PhasePlan;
import io.releasewatch.clock.ReleaseClock;
import io.releasewatch.dashboard.DashboardPage;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import io.releasewatch.store.AlertStore;
import io.releasewatch.store.Database;
import io.releasewatch.store.MetricStore;
import io.releasewatch.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard over 30 days of per-minute results for 100 endpoints (4.32 million rows), and the cost of
 * storing them in batches. Run on purpose: {@code mvn test -Dgroups=benchmark -DexcludedGroups=none -Dtest=DashboardBenchmark}
 */
@Tag("benchmark")
class DashboardBenchmark {
    @TempDir
    Path tmp;

    @Test
    void renderWithThirtyDaysOfPerMinuteDataForAHundredEndpoints() {
        Instant end = Instant.parse("2026-12-31T00:00:00Z");
        Instant start = end.minus(Duration.ofDays(30));
        MutableClock clock = new MutableClock(end);
        try (Database db = new Database(tmp.resolve("bench.db"))) {
            MetricStore store = new MetricStore(db);
            long t0 = System.nanoTime();
            long rows = 0;
            List<MetricRecord> batch = new ArrayList<>(10_000);
            for (Instant t = start; t.isBefore(end); t = t.plus(Duration.ofMinutes(1))) {
                for (int e = 0; e < 100; e++) {
                    batch.add(new MetricRecord(t, Phase.STEADY, "health", "endpoint-" + e, 20.0 + e, Status.OK, "HTTP 200"));
                }
                if (batch.size() >= 10_000) {
                    store.insertAll(batch);
                    rows += batch.size();
                    batch.clear();
                }
            }
            store.insertAll(batch);
            rows += batch.size();
            double insertSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "BENCHMARK store: %d rows in %.1f s (%.0f rows/s, batches of 10000)%n",
                    rows, insertSeconds, rows / insertSeconds);

            SeverityPolicy policy = new SeverityPolicy(Map.of("P0", new SeverityPolicy.Level("P0", Duration.ofMinutes(5),
                    Duration.ofMinutes(5), List.of(), List.of())), 3);
            DashboardPage page = new DashboardPage(new ReleaseClock(clock, PhasePlan.guideDefaults(), store, Optional.of(start)),
                    store, new AlertStore(db), policy, 200, "Release Watch");
            for (int i = 0; i < 20; i++) page.render(); // warm-up
            double[] ms = new double[50];
            int size = 0;
            for (int i = 0; i < ms.length; i++) {
                long s = System.nanoTime();
                size = page.render().length();
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "BENCHMARK dashboard render over %d rows: median %.1f ms, p90 %.1f ms, max %.1f ms (%d bytes)%n",
                    rows, ms[ms.length / 2], ms[(int) (ms.length * 0.9)], ms[ms.length - 1], size);
        }
    }
}
