package io.releasewatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasewatch.clock.Phase;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricStoreTest {
    @TempDir
    Path tmp;

    @Test
    void batchIsStoredWithLatestPerSignalAndNullValuesStayNull() {
        Instant t0 = Instant.parse("2026-12-03T09:00:00Z");
        try (MetricStore store = new MetricStore(tmp.resolve("m.db"))) {
            store.insertAll(IntStream.range(0, 1000).mapToObj(i -> new MetricRecord(t0.plusSeconds(i), Phase.CRITICAL,
                    "health", "api", (double) i, Status.OK, "HTTP 200")).toList());
            store.insertAll(List.of(new MetricRecord(t0.plusSeconds(5000), Phase.INTENSIVE, "golden_signals", "cpu_pct", null,
                    Status.UNAVAILABLE, "no source")));
            assertThat(store.countMetrics()).isEqualTo(1001);
            assertThat(store.latest()).extracting(MetricRecord::name, MetricRecord::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("cpu_pct", null), org.assertj.core.groups.Tuple.tuple("api", 999.0));
            List<MetricRecord> recent = store.recent(t0.plusSeconds(990), 5);
            assertThat(recent).hasSize(5);
            assertThat(recent.get(0).name()).isEqualTo("cpu_pct");
            assertThat(recent.get(1).value()).isEqualTo(999.0);
            assertThat(store.series("health", "api", t0, t0.plusSeconds(3))).extracting(MetricRecord::value).containsExactly(0.0, 1.0, 2.0);
        }
    }

    @Test
    void anOlderRecordDoesNotReplaceANewerLatest() {
        Instant t0 = Instant.parse("2026-12-03T09:00:00Z");
        try (MetricStore store = new MetricStore(tmp.resolve("m.db"))) {
            store.insertAll(List.of(new MetricRecord(t0.plusSeconds(10), Phase.CRITICAL, "health", "api", 2.0, Status.OK, "")));
            store.insertAll(List.of(new MetricRecord(t0, Phase.CRITICAL, "health", "api", 1.0, Status.CRITICAL, "")));
            assertThat(store.latest().get(0).value()).isEqualTo(2.0);
        }
    }

    @Test
    void latestDeclaredReleaseWinsAndSurvivesReopening() {
        Path file = tmp.resolve("m.db");
        Instant a = Instant.parse("2026-12-01T00:00:00Z");
        Instant b = Instant.parse("2026-11-30T00:00:00Z");
        try (MetricStore store = new MetricStore(file)) {
            store.recordRelease(a, a, "config");
            store.recordRelease(b, a.plusSeconds(60), "api");
        }
        try (MetricStore store = new MetricStore(file)) {
            assertThat(store.latestRelease()).contains(b);
            assertThat(store.releaseDeclared(a, "config")).isTrue();
        }
    }
}
