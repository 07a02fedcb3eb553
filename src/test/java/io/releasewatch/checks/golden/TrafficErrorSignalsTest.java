package io.releasewatch.checks.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.releasewatch.checks.golden.TrafficErrorSignals.Result;
import io.releasewatch.checks.golden.TrafficErrorSignals.Snapshot;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficErrorSignalsTest {

    private final TrafficErrorSignals signals = new TrafficErrorSignals();

    private static PrometheusText scrape(String... lines) {
        return PrometheusText.parse("# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\n"
                + String.join("\n", lines) + "\n");
    }

    private Snapshot snap(String... lines) {
        return signals.snapshot(scrape(lines));
    }

    @Test
    void sixHundredRequestsInSixtySecondsWithThirtyErrors() {
        Snapshot before = snap(
                "http_requests_total{method=\"GET\",status=\"200\"} 1000",
                "http_requests_total{method=\"GET\",status=\"404\"} 5",
                "http_requests_total{method=\"POST\",status=\"500\"} 10",
                "http_requests_total{method=\"GET\",status=\"503\"} 2",
                "http_request_duration_seconds_count 999999");
        PrometheusText after = scrape(
                "http_requests_total{method=\"GET\",status=\"200\"} 1560",  // +560
                "http_requests_total{method=\"GET\",status=\"404\"} 15",    // +10
                "http_requests_total{method=\"POST\",status=\"500\"} 30",   // +20
                "http_requests_total{method=\"GET\",status=\"503\"} 12",    // +10
                "http_request_duration_seconds_count 1");

        Result r = signals.compute(before, after, Duration.ofSeconds(60));

        assertThat(r.requestsPerMinute()).isCloseTo(600.0, within(1e-9));
        assertThat(r.errorRatePercent()).isCloseTo(5.0, within(1e-9));
        assertThat(r.detail()).contains("600 requests", "30 errors", "60 s");
        assertThat(r.snapshot().series()).hasSize(4);

        Result half = signals.compute(before, after, Duration.ofSeconds(30));
        assertThat(half.requestsPerMinute()).isCloseTo(1200.0, within(1e-9));
        assertThat(half.errorRatePercent()).isCloseTo(5.0, within(1e-9));

        Result subSecond = signals.compute(before, after, Duration.ofMillis(90_500));
        assertThat(subSecond.requestsPerMinute()).isCloseTo(600 / (90.5 / 60), within(1e-9));
    }

    @Test
    void firstScrapeIsUnavailableButYieldsTheSnapshotForNextTime() {
        PrometheusText first = scrape("http_requests_total{status=\"200\"} 100", "http_requests_total{status=\"500\"} 1");
        Result r = signals.compute(null, first, null);
        assertThat(r.requestsPerMinute()).isNull();
        assertThat(r.errorRatePercent()).isNull();
        assertThat(r.detail()).contains("first scrape", "two scrapes");
        assertThat(r.snapshot().metricPresent()).isTrue();
        assertThat(r.snapshot().series()).containsEntry(Map.of("status", "200"), 100.0);

        Result second = signals.compute(r.snapshot(),
                scrape("http_requests_total{status=\"200\"} 190", "http_requests_total{status=\"500\"} 11"),
                Duration.ofSeconds(120));
        assertThat(second.requestsPerMinute()).isCloseTo(50.0, within(1e-9));
        assertThat(second.errorRatePercent()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void counterResetCountsTheWholeCurrentValue() {
        Snapshot before = snap("http_requests_total{status=\"200\"} 5000", "http_requests_total{status=\"500\"} 100");
        // the service restarted: 200 went back to 50; 500 kept increasing (+10)
        Result r = signals.compute(before,
                scrape("http_requests_total{status=\"200\"} 50", "http_requests_total{status=\"500\"} 110"),
                Duration.ofMinutes(1));
        assertThat(r.requestsPerMinute()).isCloseTo(60.0, within(1e-9));
        assertThat(r.errorRatePercent()).isCloseTo(100.0 * 10 / 60, within(1e-9));
        assertThat(r.detail()).contains("counter reset on 1 series");
    }

    @Test
    void fullRestartResetsEverySeries() {
        Snapshot before = snap("http_requests_total{status=\"200\"} 5000", "http_requests_total{status=\"500\"} 100");
        Result r = signals.compute(before,
                scrape("http_requests_total{status=\"200\"} 38", "http_requests_total{status=\"500\"} 2"),
                Duration.ofSeconds(30));
        assertThat(r.requestsPerMinute()).isCloseTo(80.0, within(1e-9));
        assertThat(r.errorRatePercent()).isCloseTo(5.0, within(1e-9));
        assertThat(r.detail()).contains("counter reset on 2 series");
    }

    @Test
    void newSeriesStartFromZeroAndVanishedSeriesContributeNothing() {
        Snapshot before = snap("http_requests_total{status=\"200\"} 100", "http_requests_total{status=\"404\"} 40");
        // the first 503s of the process create a new series; the 404 series vanished
        Result r = signals.compute(before,
                scrape("http_requests_total{status=\"200\"} 145", "http_requests_total{status=\"503\"} 5"),
                Duration.ofSeconds(60));
        assertThat(r.requestsPerMinute()).isCloseTo(50.0, within(1e-9));
        assertThat(r.errorRatePercent()).isCloseTo(10.0, within(1e-9));
        assertThat(r.detail()).contains("1 new series counted from 0", "1 series disappeared");
    }

    @Test
    void missingMetricIsUnavailableAndNamesTheMetric() {
        Snapshot before = snap("http_requests_total{status=\"200\"} 100");
        Result r = signals.compute(before, PrometheusText.parse("process_cpu_seconds_total 3\nup 1\n"), Duration.ofSeconds(60));
        assertThat(r.requestsPerMinute()).isNull();
        assertThat(r.errorRatePercent()).isNull();
        assertThat(r.detail()).contains("http_requests_total").contains("not found");
        assertThat(r.snapshot().metricPresent()).isFalse();

        // After a scrape without the metric, the next one has only one point to compare with.
        Result next = signals.compute(r.snapshot(), scrape("http_requests_total{status=\"200\"} 10000"),
                Duration.ofSeconds(60));
        assertThat(next.requestsPerMinute()).isNull();
        assertThat(next.detail()).contains("missing from the previous scrape");
    }

    @Test
    void nonPositiveElapsedIsUnavailable() {
        Snapshot before = snap("http_requests_total{status=\"200\"} 100");
        PrometheusText after = scrape("http_requests_total{status=\"200\"} 200");
        for (Duration d : new Duration[] {Duration.ZERO, Duration.ofSeconds(-5), null}) {
            Result r = signals.compute(before, after, d);
            assertThat(r.requestsPerMinute()).as("elapsed %s", d).isNull();
            assertThat(r.errorRatePercent()).as("elapsed %s", d).isNull();
            assertThat(r.detail()).contains("elapsed");
            assertThat(r.snapshot().series()).containsEntry(Map.of("status", "200"), 200.0);
        }
    }

    @Test
    void noRequestsInIntervalIsZeroNotUnavailable() {
        Snapshot before = snap("http_requests_total{status=\"200\"} 100", "http_requests_total{status=\"500\"} 3");
        Result r = signals.compute(before,
                scrape("http_requests_total{status=\"200\"} 100", "http_requests_total{status=\"500\"} 3"),
                Duration.ofSeconds(60));
        assertThat(r.requestsPerMinute()).isEqualTo(0.0);
        assertThat(r.errorRatePercent()).isEqualTo(0.0);
        assertThat(r.detail()).contains("no requests in interval");
    }

    @Test
    void customCounterLabelAndErrorRegex() {
        TrafficErrorSignals custom = new TrafficErrorSignals("http_server_requests_seconds_count", "code", "5..|429");
        assertThat(custom.counterName()).isEqualTo("http_server_requests_seconds_count");
        assertThat(custom.statusLabel()).isEqualTo("code");
        assertThat(custom.errorStatusRegex()).isEqualTo("5..|429");

        PrometheusText before = PrometheusText.parse(String.join("\n",
                "http_server_requests_seconds_count{uri=\"/a\",code=\"200\"} 10",
                "http_server_requests_seconds_count{uri=\"/a\",code=\"429\"} 0",
                "http_server_requests_seconds_count{uri=\"/b\",code=\"502\"} 1",
                "http_requests_total{status=\"500\"} 1"));
        PrometheusText after = PrometheusText.parse(String.join("\n",
                "http_server_requests_seconds_count{uri=\"/a\",code=\"200\"} 170",   // +160
                "http_server_requests_seconds_count{uri=\"/a\",code=\"429\"} 24",    // +24
                "http_server_requests_seconds_count{uri=\"/b\",code=\"502\"} 17",    // +16
                "http_requests_total{status=\"500\"} 1000"));                        // other metric: ignored
        Result r = custom.compute(custom.snapshot(before), after, Duration.ofSeconds(120));
        assertThat(r.requestsPerMinute()).isCloseTo(100.0, within(1e-9));
        assertThat(r.errorRatePercent()).isCloseTo(20.0, within(1e-9));

        // the default regex is anchored: "500" matches "5..", but "5000" or "50" would not
        TrafficErrorSignals def = new TrafficErrorSignals();
        Snapshot b = def.snapshot(scrape("http_requests_total{status=\"50\"} 0", "http_requests_total{status=\"5000\"} 0",
                "http_requests_total{status=\"500\"} 0"));
        Result d = def.compute(b, scrape("http_requests_total{status=\"50\"} 1", "http_requests_total{status=\"5000\"} 1",
                "http_requests_total{status=\"500\"} 2"), Duration.ofSeconds(60));
        assertThat(d.errorRatePercent()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void wrongStatusLabelMakesErrorRateUnavailableNotZero() {
        // the service labels with "code", the check is configured for "status"
        Snapshot before = signals.snapshot(PrometheusText.parse("http_requests_total{code=\"500\"} 10\n"));
        Result r = signals.compute(before, PrometheusText.parse("http_requests_total{code=\"500\"} 70\n"),
                Duration.ofSeconds(60));
        assertThat(r.requestsPerMinute()).isCloseTo(60.0, within(1e-9));
        assertThat(r.errorRatePercent()).isNull();
        assertThat(r.detail()).contains("error rate unavailable", "'status'");
    }

    @Test
    void invalidConfigurationIsRejected() {
        assertThatThrownBy(() -> new TrafficErrorSignals("http-requests", "status", "5.."))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metric name");
        assertThatThrownBy(() -> new TrafficErrorSignals("http_requests_total", "st atus", "5.."))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label name");
        assertThatThrownBy(() -> new TrafficErrorSignals("http_requests_total", "status", "5(.."))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regex");
    }

    @Test
    void snapshotIgnoresNonFiniteValuesAndIsImmutable() {
        Snapshot s = snap("http_requests_total{status=\"200\"} NaN", "http_requests_total{status=\"500\"} 4");
        assertThat(s.series()).containsOnlyKeys(Map.of("status", "500"));
        assertThatThrownBy(() -> s.series().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
