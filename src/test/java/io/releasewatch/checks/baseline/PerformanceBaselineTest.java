package io.releasewatch.checks.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasewatch.checks.ProbeResult;
import io.releasewatch.clock.Phase;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PerformanceBaselineTest {
    private static final Instant RELEASE = Instant.parse("2025-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(RELEASE.plus(Duration.ofHours(3)), ZoneOffset.UTC);
    /** HdrHistogram with 3 significant digits answers within 0.1 % of the true value. */
    private static final double HDR_PRECISION = 0.001;

    /** The oracle: sort and interpolate between ranks (type 7), written independently of the code under test. */
    private static double exact(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * (percentile / 100.0);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** What the histogram answers beyond the exact limit: the value at rank ceil(p/100 x n). */
    private static double nearestRank(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length - 1e-9);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** Latencies with microsecond resolution (the baseline's resolution), spread over 1 ms .. ~5 s, skewed. */
    private static double[] samples(int n, long seed) {
        Random r = new Random(seed);
        return DoubleStream.generate(() -> Math.round(Math.exp(r.nextDouble() * 8.5) * 1000) / 1000.0).limit(n).toArray();
    }

    private static void assertWithinHdrPrecision(Double actual, double expected) {
        assertThat(actual).isNotNull();
        assertThat(Math.abs(actual - expected)).isLessThanOrEqualTo(expected * HDR_PRECISION + 1e-9);
    }

    @ParameterizedTest(name = "{0} samples")
    @ValueSource(ints = {1, 2, 5, 19, 20, 100, 1000, 100_000})
    void percentilesMatchExactValuesOnSortedSamples(int n) {
        double[] values = samples(n, n);
        PerformanceBaseline baseline = new PerformanceBaseline(CLOCK, RELEASE, n); // window holds them all: exact
        for (double v : values) baseline.record(v, 200);

        BaselineReport r = baseline.report();

        assertThat(r.samples()).isEqualTo(n);
        assertThat(r.timedSamples()).isEqualTo(n);
        assertThat(r.errors()).isZero();
        assertThat(r.avgMs()).isCloseTo(DoubleStream.of(values).average().orElseThrow(), within(1e-6));
        assertThat(r.minMs()).isEqualTo(DoubleStream.of(values).min().orElseThrow());
        assertThat(r.maxMs()).isEqualTo(DoubleStream.of(values).max().orElseThrow());
        if (n <= PerformanceBaseline.EXACT_LIMIT) {
            assertThat(r.medianMs()).isCloseTo(exact(values, 50), within(1e-9));
            assertThat(r.p95Ms()).isCloseTo(exact(values, 95), within(1e-9));
            assertThat(r.p99Ms()).isCloseTo(exact(values, 99), within(1e-9));
        } else {
            assertWithinHdrPrecision(r.medianMs(), nearestRank(values, 50));
            assertWithinHdrPrecision(r.p95Ms(), nearestRank(values, 95));
            assertWithinHdrPrecision(r.p99Ms(), nearestRank(values, 99));
        }

        assertThat(r.window().samples()).isEqualTo(n);
        assertThat(r.window().p95Ms()).isCloseTo(exact(values, 95), within(1e-9));
        assertThat(r.window().avgMs()).isCloseTo(DoubleStream.of(values).average().orElseThrow(), within(1e-6));
    }

    @Test
    void smallCountsGiveRealPercentilesNotTheMaximumOrZero() {
        // The guide reports max as p95 below 20 samples and 0 as p99 below 100; interpolation needs neither.
        PerformanceBaseline b = new PerformanceBaseline(CLOCK, RELEASE);
        for (double v : new double[] {100, 200, 300, 400, 500}) b.record(v, 200);
        BaselineReport r = b.report();
        assertThat(r.medianMs()).isEqualTo(300.0);
        assertThat(r.p95Ms()).isCloseTo(480.0, within(1e-9));   // position 3.8: 400 + 0.8 x 100, not the maximum
        assertThat(r.p99Ms()).isCloseTo(496.0, within(1e-9));
        assertThat(r.window().p95Ms()).isCloseTo(480.0, within(1e-9));

        PerformanceBaseline twenty = new PerformanceBaseline(CLOCK, RELEASE, 20);
        for (int i = 1; i <= 20; i++) twenty.record(i * 10, 200);
        assertThat(twenty.report().window().p95Ms()).isCloseTo(190.5, within(1e-9));
        assertThat(twenty.report().p95Ms()).isCloseTo(190.5, within(1e-9));
        assertThat(twenty.report().p99Ms()).isCloseTo(198.1, within(1e-9));

        PerformanceBaseline one = new PerformanceBaseline(CLOCK, RELEASE);
        one.record(42.5, 200);
        BaselineReport single = one.report();
        assertThat(List.of(single.medianMs(), single.p95Ms(), single.p99Ms(), single.minMs(), single.maxMs(), single.window().p95Ms()))
                .containsOnly(42.5);
    }

    @Test
    void windowKeepsOnlyTheMostRecentSamples() {
        PerformanceBaseline b = new PerformanceBaseline(CLOCK, RELEASE); // default window of 10
        for (int i = 1; i <= 25; i++) b.record(i, 200);
        BaselineReport r = b.report();
        assertThat(r.window().capacity()).isEqualTo(10);
        assertThat(r.window().samples()).isEqualTo(10);
        assertThat(r.window().avgMs()).isCloseTo(20.5, within(1e-9)); // 16..25
        assertThat(r.window().p95Ms()).isCloseTo(24.55, within(1e-9)); // position 8.55 in 16..25
        assertThat(r.samples()).isEqualTo(25);
        assertThat(r.minMs()).isEqualTo(1.0);
    }

    @Test
    void errorsAreNon2xxOrNoResponseAndUnansweredRequestsHaveNoLatency() {
        PerformanceBaseline b = new PerformanceBaseline(CLOCK, RELEASE, 5);
        b.record(100, 200);
        b.record(120, 204);
        b.record(90, 301);
        b.record(300, 503);
        b.record(80, 404);
        b.recordNoResponse();
        b.record(new ProbeResult(URI.create("http://127.0.0.1/"), ProbeResult.NO_RESPONSE, Duration.ofSeconds(30), "read timeout", ""));
        b.record(new ProbeResult(URI.create("http://127.0.0.1/"), 200, Duration.ofMillis(110), null, "ok"));

        BaselineReport r = b.report();
        assertThat(r.samples()).isEqualTo(8);
        assertThat(r.errors()).isEqualTo(5);           // 301, 503, 404 and two without a response
        assertThat(r.timedSamples()).isEqualTo(6);     // the 30 s timeout is not a response time
        assertThat(r.maxMs()).isEqualTo(300.0);
        // window: 503, 404, none, none, 200 -> 4 errors, latency over the 3 answered ones
        assertThat(r.window().errors()).isEqualTo(4);
        assertThat(r.window().avgMs()).isCloseTo((300 + 80 + 110) / 3.0, within(1e-9));
        assertThat(r.window().p95Ms()).isCloseTo(281.0, within(1e-9)); // 80, 110, 300: position 1.9
    }

    @Test
    void nothingAnsweredYetIsUnknownNotZero() {
        PerformanceBaseline b = new PerformanceBaseline(CLOCK, RELEASE);
        assertThat(b.report().avgMs()).isNull();
        b.recordNoResponse();
        BaselineReport r = b.report();
        assertThat(r.samples()).isEqualTo(1);
        assertThat(r.errors()).isEqualTo(1);
        assertThat(List.of(r.avgMs() == null, r.p95Ms() == null, r.minMs() == null, r.window().p95Ms() == null)).containsOnly(true);
        assertThat(r.toRecords(CLOCK.instant(), Phase.INTENSIVE, 2000))
                .filteredOn(m -> m.name().endsWith("_ms"))
                .allSatisfy(m -> {
                    assertThat(m.value()).isNull();
                    assertThat(m.status()).isEqualTo(Status.UNAVAILABLE);
                });
    }

    @Test
    void memoryStaysBoundedAtHighSampleRates() {
        PerformanceBaseline b = new PerformanceBaseline(CLOCK, RELEASE);
        Random r = new Random(7);
        // Warm up across the whole latency range the run will see, then record a million more in it.
        b.record(0.001, 200);
        b.record(30_000, 200);
        int before = b.histogramFootprintBytes();
        for (int i = 0; i < 1_000_000; i++) b.record(r.nextDouble() * 30_000, i % 50 == 0 ? 500 : 200);
        assertThat(b.histogramFootprintBytes()).isEqualTo(before).isLessThan(256 * 1024);
        assertThat(b.report().samples()).isEqualTo(1_000_002);
        assertThat(b.report().errors()).isEqualTo(20_000);
    }

    @Test
    void reportIsJsonWithSnakeCaseFieldsAndNullsForUnknowns() throws Exception {
        PerformanceBaseline b = new PerformanceBaseline(CLOCK, RELEASE);
        b.record(250, 200);
        b.record(2500, 500);
        JsonNode json = new ObjectMapper().readTree(b.report().toJson());
        assertThat(json.get("since").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(json.get("at").asText()).isEqualTo("2025-03-01T13:00:00Z");
        assertThat(json.get("percentile_method").asText()).isEqualTo("linear-interpolation");
        assertThat(json.get("samples").asLong()).isEqualTo(2);
        assertThat(json.get("errors").asLong()).isEqualTo(1);
        assertThat(json.get("max_ms").asDouble()).isEqualTo(2500.0);
        assertThat(json.get("window").get("p95_ms").asDouble()).isCloseTo(2387.5, within(1e-9));

        JsonNode empty = new ObjectMapper().readTree(new PerformanceBaseline(CLOCK, RELEASE).report().toJson());
        assertThat(empty.get("p95_ms").isNull()).isTrue();
    }

    @Test
    void windowP95AboveTheLimitIsAWarning() {
        PerformanceBaseline b = new PerformanceBaseline(CLOCK, RELEASE);
        for (int i = 0; i < 8; i++) b.record(300, 200);
        b.record(2600, 200);
        b.record(2600, 200);
        List<MetricRecord> records = b.report().toRecords(CLOCK.instant(), Phase.INTENSIVE, 2000);
        MetricRecord p95 = records.stream().filter(m -> m.name().equals("window_p95_ms")).findFirst().orElseThrow();
        assertThat(p95.value()).isEqualTo(2600.0);
        assertThat(p95.status()).isEqualTo(Status.WARNING);
        assertThat(p95.details()).contains("HIGH LATENCY");
        assertThat(records).allSatisfy(m -> assertThat(m.type()).isEqualTo("baseline"));
    }

    @Test
    void rejectsNonsense() {
        PerformanceBaseline b = new PerformanceBaseline(CLOCK, RELEASE);
        assertThatThrownBy(() -> b.record(-1, 200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.record(Double.NaN, 200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.record(10, ProbeResult.NO_RESPONSE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PerformanceBaseline(CLOCK, RELEASE, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
