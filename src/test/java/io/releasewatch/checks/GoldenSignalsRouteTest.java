package io.releasewatch.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.support.MonitorFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guide 1.2 through the real routes against the demo platform's real /metrics and /node/metrics. */
class GoldenSignalsRouteTest {
    @TempDir
    Path tmp;
    MonitorFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new MonitorFixture();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void healthyPlatformGivesEverySignalFromItsSource() throws Exception {
        f.start(tmp, Map.of("monitor.cadence.golden-signals.phase1", "1500ms"));
        // traffic needs two scrapes; wait for the first interval that has it
        await().atMost(Duration.ofSeconds(20)).until(() -> f.latest("golden_signals", "traffic_rpm") != null
                && f.latest("golden_signals", "traffic_rpm").value() != null);

        MetricRecord rpm = f.latest("golden_signals", "traffic_rpm");
        assertThat(rpm.value()).as("traffic from counter deltas").isGreaterThan(1000);
        MetricRecord errors = f.latest("golden_signals", "error_rate_pct");
        assertThat(errors.value()).isBetween(0.0, 5.0);
        assertThat(errors.status().label()).isEqualTo("ok");
        assertThat(f.latest("golden_signals", "latency_homepage_ms").value()).isPositive();
        assertThat(f.latest("golden_signals", "latency_api_ms").status().label()).isEqualTo("ok");
        for (String s : new String[] {"cpu_pct", "memory_pct", "disk_pct"}) {
            assertThat(f.latest("golden_signals", s).value()).as(s).isBetween(0.0, 100.0);
        }
        // This machine's own CPU may be busy during the build; nothing about latency or errors is alerted.
        assertThat(f.slack.received()).noneMatch(m -> m.contains("Homepage slow") || m.contains("API slow")
                || m.contains("High latency") || m.contains("High error rate"));
    }

    @Test
    void firstScrapeAndMissingSourcesAreUnavailableNotZero() throws Exception {
        f.start(tmp, Map.of("monitor.cadence.golden-signals.phase1", "1h",
                "monitor.golden.saturation-source", "none"));
        await().atMost(Duration.ofSeconds(10)).until(() -> f.records("golden_signals", "run").size() == 1);
        for (String s : new String[] {"traffic_rpm", "error_rate_pct", "cpu_pct", "memory_pct", "disk_pct"}) {
            MetricRecord r = f.latest("golden_signals", s);
            assertThat(r.value()).as(s).isNull();
            assertThat(r.status().label()).as(s).isEqualTo("unavailable");
        }
        assertThat(f.latest("golden_signals", "cpu_pct").details()).contains("saturation-source=none");
        assertThat(f.latest("golden_signals", "traffic_rpm").details()).containsIgnoringCase("scrape");
    }

    @Test
    void errorRateAboveFivePercentForTenMinutesAlerts() throws Exception {
        f.platform.setFault("errors", true);
        // 120x: the rule's 10 minutes pass in 5 s; a run every 3 monitor minutes is one every 1.5 s.
        f.start(tmp, Map.of("monitor.clock-speed", "120", "monitor.cadence.golden-signals.phase1", "3m",
                "monitor.golden.saturation-source", "none"));
        await().atMost(Duration.ofSeconds(5)).until(() -> f.records("golden_signals", "error_rate_pct").stream().anyMatch(r -> r.value() != null));
        assertThat(f.slack.received()).as("pending for 10 monitor minutes").isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> !f.slack.received().isEmpty());
        assertThat(f.slack.received().get(0)).contains("P1 High error rate:");
        await().atMost(Duration.ofSeconds(5)).until(() -> f.latest("golden_signals", "error_rate_pct").status().label().equals("warning"));
        assertThat(f.latest("golden_signals", "error_rate_pct").value()).isGreaterThan(5.0);
    }

    @Test
    void slowHomepageAlertsAsHighLatency() throws Exception {
        f.platform.setFault("homepage-slow", true);
        f.start(tmp, Map.of("monitor.cadence.golden-signals.phase1", "1h", "monitor.golden.saturation-source", "none"));
        await().atMost(Duration.ofSeconds(15)).until(() -> !f.slack.received().isEmpty());
        // one slow sample: homepage-slow fires at once; high-latency (p95 over 10 min, for 10 min) does not
        assertThat(f.slack.received()).hasSize(1);
        assertThat(f.slack.received().get(0)).contains("P1 Homepage slow: 3").doesNotContain("High latency");
        await().atMost(Duration.ofSeconds(5)).until(() -> f.latest("golden_signals", "latency_homepage_ms") != null);
        assertThat(f.latest("golden_signals", "latency_homepage_ms").value()).isGreaterThan(2000.0);
        assertThat(f.latest("golden_signals", "latency_api_ms").status().label()).isEqualTo("ok");
    }

    @Test
    void signalsAreExportedAsPrometheusMetricsOnTheManagementPort() throws Exception {
        f.start(tmp, Map.of("monitor.cadence.golden-signals.phase1", "1h"));
        await().atMost(Duration.ofSeconds(10)).until(() -> f.records("golden_signals", "run").size() == 1);
        String metrics = f.monitor.getManagement("/observe/metrics").body();
        assertThat(metrics).containsPattern("releasewatch_check_value\\{name=\"latency_api_ms\",type=\"golden_signals\"} [0-9.]+")
                .contains("releasewatch_check_status{name=\"traffic_rpm\",type=\"golden_signals\"} -1.0")
                .contains("releasewatch_phase 1.0")
                .contains("releasewatch_check_runs_total{status=\"ok\",type=\"golden_signals\"} 1.0");
    }
}
