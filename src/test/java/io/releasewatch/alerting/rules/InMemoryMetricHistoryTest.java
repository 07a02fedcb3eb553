package io.releasewatch.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasewatch.clock.Phase;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InMemoryMetricHistoryTest {
    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    private static MetricRecord rec(String type, String name, long minutes, double value) {
        return new MetricRecord(T0.plusSeconds(60 * minutes), Phase.CRITICAL, type, name, value, Status.OK, "m" + minutes);
    }

    private static List<Double> values(List<MetricRecord> records) {
        return records.stream().map(MetricRecord::value).toList();
    }

    @Test
    void retentionDropsRecordsNotNewerThanNewestMinusRetentionPerSeries() {
        InMemoryMetricHistory h = new InMemoryMetricHistory(Duration.ofMinutes(30));
        h.add(List.of(rec("health", "api", 0, 0), rec("health", "api", 10, 10), rec("health", "api", 20, 20),
                rec("health", "database", 0, 0)));
        h.add(List.of(rec("health", "api", 40, 40)));
        // newest api record at 40 min: keeps records after 10 min; the one at exactly 10 min goes too
        assertThat(values(h.window("health", "api", T0.minusSeconds(3600), T0.plusSeconds(3600))))
                .containsExactly(20.0, 40.0);
        // another series keeps its own records
        assertThat(values(h.window("health", "database", T0.minusSeconds(3600), T0.plusSeconds(3600))))
                .containsExactly(0.0);

        h.add(List.of(rec("health", "api", 100, 100)));
        assertThat(values(h.window("health", "api", T0.minusSeconds(3600), T0.plusSeconds(7200)))).containsExactly(100.0);
        assertThat(h.latest("health", "api")).map(MetricRecord::value).contains(100.0);
    }

    @Test
    void recordsOlderThanRetentionOnArrivalAreDropped() {
        InMemoryMetricHistory h = new InMemoryMetricHistory(Duration.ofMinutes(30));
        h.add(List.of(rec("journey", "homepage", 60, 60)));
        h.add(List.of(rec("journey", "homepage", 5, 5), rec("journey", "homepage", 45, 45)));
        assertThat(values(h.window("journey", "homepage", T0, T0.plusSeconds(7200)))).containsExactly(45.0, 60.0);
    }

    @Test
    void keepsRecordsSortedAndWindowBoundsInclusive() {
        InMemoryMetricHistory h = new InMemoryMetricHistory(Duration.ofHours(1));
        h.add(List.of(rec("journey", "signin", 3, 3), rec("journey", "signin", 1, 1)));
        h.add(List.of(rec("journey", "signin", 2, 2), rec("journey", "signin", 4, 4), rec("journey", "signin", 0, 0)));
        assertThat(values(h.window("journey", "signin", T0.plusSeconds(60), T0.plusSeconds(180))))
                .containsExactly(1.0, 2.0, 3.0);
        assertThat(values(h.window("journey", "signin", T0, T0))).containsExactly(0.0);
        assertThat(h.window("journey", "signin", T0.plusSeconds(61), T0.plusSeconds(119))).isEmpty();
        assertThat(h.window("journey", "signin", T0.plusSeconds(180), T0.plusSeconds(60))).isEmpty();
        assertThat(h.latest("journey", "signin")).map(MetricRecord::value).contains(4.0);
    }

    @Test
    void equalTimesKeepArrivalOrder() {
        InMemoryMetricHistory h = new InMemoryMetricHistory(Duration.ofHours(1));
        h.add(List.of(rec("health", "api", 1, 1)));
        h.add(List.of(rec("health", "api", 1, 2)));
        assertThat(values(h.window("health", "api", T0, T0.plusSeconds(60)))).containsExactly(1.0, 2.0);
        assertThat(h.latest("health", "api")).map(MetricRecord::value).contains(2.0);
    }

    @Test
    void namesAndUnknownSeries() {
        InMemoryMetricHistory h = new InMemoryMetricHistory(Duration.ofHours(1));
        h.add(List.of(rec("health", "database", 0, 1), rec("health", "api", 0, 1), rec("health", "run", 0, 1),
                rec("journey", "homepage", 0, 1)));
        assertThat(h.names("health")).containsExactly("api", "database", "run");
        assertThat(h.names("journey")).containsExactly("homepage");
        assertThat(h.names("postgres")).isEmpty();
        assertThat(h.latest("health", "mobile")).isEmpty();
        assertThat(h.latest("postgres", "x")).isEmpty();
        assertThat(h.window("postgres", "x", T0, T0.plusSeconds(60))).isEmpty();
        assertThat(h.window("health", "api", T0, T0)).isUnmodifiable();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new InMemoryMetricHistory(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InMemoryMetricHistory(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        InMemoryMetricHistory h = new InMemoryMetricHistory(Duration.ofHours(1));
        List<MetricRecord> withNull = new ArrayList<>();
        withNull.add(rec("health", "api", 0, 1));
        withNull.add(null);
        assertThatThrownBy(() -> h.add(withNull)).isInstanceOf(NullPointerException.class);
        assertThat(h.names("health")).isEmpty(); // nothing of a rejected batch is kept
    }

    @Test
    void concurrentAddsAndReadsLoseNothing() throws Exception {
        InMemoryMetricHistory h = new InMemoryMetricHistory(Duration.ofDays(1));
        List<Throwable> problems = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 2_000; i++) {
                    h.add(List.of(rec("golden_signals", "cpu_pct", i % 600, writer * 10_000 + i)));
                }
            }));
        }
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            while (!writers.stream().allMatch(CompletableFuture::isDone)) {
                try {
                    List<MetricRecord> all = h.window("golden_signals", "cpu_pct", T0, T0.plusSeconds(86_400));
                    for (int i = 1; i < all.size(); i++) {
                        if (all.get(i).time().isBefore(all.get(i - 1).time())) throw new AssertionError("unsorted");
                    }
                    h.names("golden_signals");
                    h.latest("golden_signals", "cpu_pct");
                } catch (Throwable t) {
                    problems.add(t);
                    return;
                }
            }
        });
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();
        reader.get();
        assertThat(problems).isEmpty();
        assertThat(h.window("golden_signals", "cpu_pct", T0, T0.plusSeconds(86_400))).hasSize(8_000);
    }
}
