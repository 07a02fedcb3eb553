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

/** A slow target (3 s homepage) must not delay other checks, other targets, or the schedule of its own check. */
class SlowTargetTest {
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
    void aSlowEndpointDelaysNeitherOtherChecksNorTheNextRuns() throws Exception {
        f.platform.setFault("homepage-slow", true);
        f.start(tmp, Map.of(
                "monitor.health.endpoints", "application=/health:critical, homepage=/:degraded",
                "monitor.cadence.health.phase1", "500ms",
                "monitor.golden.homepage-path", "/health",
                "monitor.golden.metrics-url", "",
                "monitor.golden.saturation-source", "none",
                "monitor.cadence.golden-signals.phase1", "250ms"));
        long start = System.nanoTime();

        // While the first health run waits 3 s for the homepage, golden signals keep running every 250 ms.
        await().atMost(Duration.ofSeconds(3)).until(() -> f.records("golden_signals", "run").size() >= 6);
        assertThat(f.records("health", "run")).isEmpty();

        // Health runs started every 500 ms regardless: they finish 3 s later, one after another.
        await().atMost(Duration.ofSeconds(10)).until(() -> f.records("health", "run").size() >= 4);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(seconds).as("4 overlapping 3-second runs finish long before 4 x 3 s").isLessThan(9);

        // Within each run, the fast endpoint's answer is not held to the slow one's time.
        MetricRecord app = f.latest("health", "application");
        MetricRecord homepage = f.latest("health", "homepage");
        assertThat(homepage.value()).isGreaterThan(2900.0);
        assertThat(app.value()).isLessThan(1000.0);
        assertThat(app.status().label()).isEqualTo("ok");
    }

    @Test
    void aDeadTargetTimesOutWithinTheConfiguredReadTimeout() throws Exception {
        f.platform.setFault("homepage-slow", true);
        f.start(tmp, Map.of(
                "monitor.health.endpoints", "application=/health:critical, api=/:critical",
                "monitor.http.read-timeout", "500ms",
                "monitor.cadence.health.phase1", "1h"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !f.slack.received().isEmpty());
        assertThat(f.slack.received().get(0)).contains("*api*: CRITICAL (read timeout after 500 ms)");
    }
}
