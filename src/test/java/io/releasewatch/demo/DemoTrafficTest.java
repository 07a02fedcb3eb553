package io.releasewatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The background traffic generator, driven second by second without waiting for the clock. */
class DemoTrafficTest {
    private final Faults faults = new Faults();
    private final DemoTraffic traffic = new DemoTraffic(faults, new Random(42));

    @Test
    void ratePerMinuteStaysInBoundsAndFollowsAWave() {
        assertThat(DemoTraffic.ratePerMinute(0, 0)).isEqualTo(6000, within(1e-9));
        assertThat(DemoTraffic.ratePerMinute(DemoTraffic.WAVE_PERIOD_SECONDS / 4, 0)).isEqualTo(8400, within(1e-9));
        assertThat(DemoTraffic.ratePerMinute(DemoTraffic.WAVE_PERIOD_SECONDS * 3 / 4, 0)).isEqualTo(3600, within(1e-9));
        assertThat(DemoTraffic.ratePerMinute(150, 100)).isEqualTo(9000);
        assertThat(DemoTraffic.ratePerMinute(450, -100)).isEqualTo(3000);
    }

    @Test
    void everyMinuteOfTrafficIsBetween3000And9000RequestsAndTheRateMoves() {
        int minMinute = Integer.MAX_VALUE;
        int maxMinute = 0;
        int second = 0;
        long generated = 0;
        for (int minute = 0; minute < 20; minute++) {
            int n = 0;
            for (int s = 0; s < 60; s++) {
                n += traffic.simulateSecond(second++);
            }
            generated += n;
            // The fractional carry can shift a single request across a minute boundary.
            assertThat(n).isBetween(2999, 9001);
            minMinute = Math.min(minMinute, n);
            maxMinute = Math.max(maxMinute, n);
        }
        assertThat(maxMinute - minMinute).as("the wave is visible").isGreaterThan(2000);
        assertThat(total(traffic.snapshot())).as("every generated request is counted").isEqualTo(generated);
        assertThat(traffic.snapshot().keySet()).allSatisfy(s -> assertThat(DemoTraffic.syntheticPaths()).contains(s.path()));
    }

    @Test
    void errorShareIsHalfAPercentNormallyAndTwentyPercentUnderTheErrorsFault() {
        runSeconds(600);
        Map<DemoTraffic.Series, Long> normal = traffic.snapshot();
        assertThat(errors(normal) / (double) total(normal)).isBetween(0.004, 0.006);

        faults.set(Fault.ERRORS, true);
        runSeconds(120);
        Map<DemoTraffic.Series, Long> faulty = traffic.snapshot();
        double share = (errors(faulty) - errors(normal)) / (double) (total(faulty) - total(normal));
        assertThat(share).isBetween(0.19, 0.21);

        faults.set(Fault.ERRORS, false);
        runSeconds(600);
        Map<DemoTraffic.Series, Long> recovered = traffic.snapshot();
        double after = (errors(recovered) - errors(faulty)) / (double) (total(recovered) - total(faulty));
        assertThat(after).isLessThan(0.01);
    }

    @Test
    void realRequestsFeedCounterAndHistogram() {
        traffic.recordReal("GET", "/health", 200, 0.003);
        traffic.recordReal("GET", "/health", 200, 0.2);
        traffic.recordReal("GET", "/health", 503, 12);
        String text = traffic.exposition();
        assertThat(text).contains("http_requests_total{method=\"GET\",path=\"/health\",status=\"200\"} 2\n")
                .contains("http_requests_total{method=\"GET\",path=\"/health\",status=\"503\"} 1\n")
                .contains("http_request_duration_seconds_bucket{method=\"GET\",path=\"/health\",le=\"0.005\"} 1\n")
                .contains("http_request_duration_seconds_bucket{method=\"GET\",path=\"/health\",le=\"0.25\"} 2\n")
                .contains("http_request_duration_seconds_bucket{method=\"GET\",path=\"/health\",le=\"10\"} 2\n")
                .contains("http_request_duration_seconds_bucket{method=\"GET\",path=\"/health\",le=\"+Inf\"} 3\n")
                .contains("http_request_duration_seconds_sum{method=\"GET\",path=\"/health\"} "
                        + PromText.number(0.003 + 0.2 + 12) + "\n")
                .contains("http_request_duration_seconds_count{method=\"GET\",path=\"/health\"} 3\n");
    }

    @Test
    void labelValuesAreEscaped() {
        traffic.recordReal("GET", "a\"b\\c\nd", 200, 0.1);
        assertThat(traffic.exposition()).contains("path=\"a\\\"b\\\\c\\nd\"");
    }

    private void runSeconds(int seconds) {
        for (int i = 0; i < seconds; i++) {
            traffic.simulateSecond(i);
        }
    }

    private static long total(Map<DemoTraffic.Series, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long errors(Map<DemoTraffic.Series, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getKey().status() >= 500).mapToLong(Map.Entry::getValue).sum();
    }
}
