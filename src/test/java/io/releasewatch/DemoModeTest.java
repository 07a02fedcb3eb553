package io.releasewatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.support.TestMonitor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no target configured the monitor watches its bundled demo platform, shop database included. */
class DemoModeTest {
    @TempDir
    Path tmp;

    private MetricRecord latest(TestMonitor m, String type, String name) {
        return m.store().latest().stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void phaseTwoShowsTheDemoShopsBusinessMetrics() throws Exception {
        // 3600x: phase 2 begins two real seconds after start.
        try (TestMonitor m = TestMonitor.start(tmp, Map.of("monitor.demo.port", String.valueOf(TestMonitor.freePort()),
                "monitor.clock-speed", "3600"))) {
            assertThat(m.watch.settings().demo).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> latest(m, "business", "run") != null);
            assertThat(latest(m, "business", "health").details()).startsWith("HEALTHY");
            assertThat(latest(m, "business", "orders_last_hour").value()).isPositive();
            assertThat(latest(m, "postgres", "run").details()).contains("not PostgreSQL");
            assertThat(latest(m, "health", "run").status().label()).isEqualTo("ok");
            assertThat(m.get("/").body()).contains("<strong>business</strong>");
        }
    }
}
