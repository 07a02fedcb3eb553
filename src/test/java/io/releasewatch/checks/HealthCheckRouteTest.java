package io.releasewatch.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasewatch.demo.DemoPlatform;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.support.MonitorFixture;
import io.releasewatch.support.SlackReceiver;
import io.releasewatch.support.TestMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guide 1.1 through the real routes: classification, the stored run status, and the Slack message on CRITICAL. */
class HealthCheckRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    MonitorFixture f;
    DemoPlatform platform;
    SlackReceiver slack;
    TestMonitor monitor;

    @BeforeEach
    void platform() throws Exception {
        f = new MonitorFixture();
        platform = f.platform;
        slack = f.slack;
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** Only the health check runs, every 500 ms. */
    private void startMonitor(Map<String, String> extra) throws Exception {
        Map<String, String> p = new HashMap<>();
        p.put("monitor.cadence.health.phase1", "500ms");
        p.putAll(extra);
        monitor = f.start(tmp, p);
    }

    private List<MetricRecord> runs() {
        return monitor.store().recent(Instant.EPOCH, 1000).stream()
                .filter(r -> r.type().equals("health") && r.name().equals("run")).toList();
    }

    @Test
    void allEndpointsHealthyMakesTheRunOkAndSendsNothing() throws Exception {
        startMonitor(Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> runs().size() >= 2);
        assertThat(runs()).allSatisfy(r -> assertThat(r.status().label()).isEqualTo("ok"));
        List<MetricRecord> latest = monitor.store().latest();
        assertThat(latest).filteredOn(r -> r.type().equals("health") && !r.name().equals("run"))
                .extracting(MetricRecord::name)
                .containsExactlyInAnyOrder("application", "database", "api", "providers", "mobile", "notifications");
        assertThat(latest).filteredOn(r -> r.type().equals("health")).allSatisfy(r -> assertThat(r.details()).isNotBlank());
        assertThat(slack.received()).isEmpty();
    }

    @Test
    void failingCriticalEndpointMakesTheRunCriticalAndSlackListsEveryEndpoint() throws Exception {
        platform.setFault("database-down", true);
        startMonitor(Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.received().size() == 1);

        JsonNode msg = JSON.readTree(slack.received().get(0));
        assertThat(msg.get("text").asText()).contains("P0 Database connection issues: database health check failed (HTTP 503)");
        JsonNode blocks = msg.get("blocks");
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        String all = blocks.toString();
        // one message, every endpoint of the run with its code
        assertThat(all).contains("*database*: CRITICAL (HTTP 503)")
                .contains("*application*: OK (HTTP 200)")
                .contains("*api*: OK (HTTP 200)")
                .contains("*providers*: OK (HTTP 200)")
                .contains("rule `database-connection-issues`");
        // Records are stored in batches, so they may land just after the alert.
        await().atMost(Duration.ofSeconds(5)).until(() -> !runs().isEmpty());
        assertThat(runs().get(0).status().label()).isEqualTo("critical");

        // The failure persists across several runs, but the channel is notified once, not every 500 ms.
        int seen = runs().size();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs().size() >= seen + 3);
        assertThat(slack.received()).hasSize(1);

        // The alert also went to the alerts log and the dashboard store.
        await().atMost(Duration.ofSeconds(5)).until(() -> !monitor.alertStore().recentInstances(10).isEmpty());
        try (var files = Files.list(monitor.dataDir)) {
            Path log = files.filter(f -> f.getFileName().toString().startsWith("alerts_2")).findFirst().orElseThrow();
            assertThat(Files.readString(log)).contains("\"severity\":\"P0\"").contains("HTTP 503");
        }
    }

    @Test
    void severalCriticalEndpointsInOneRunAreOneMessage() throws Exception {
        platform.setFault("app-down", true);
        platform.setFault("database-down", true);
        platform.setFault("api-down", true);
        startMonitor(Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.received().isEmpty());
        int seen = runs().size();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs().size() >= seen + 2);
        assertThat(slack.received()).hasSize(1);
        assertThat(slack.received().get(0)).contains("(3 alerts)").contains("Application down").contains("Database connection issues")
                .contains("API down").contains("*api*: CRITICAL (HTTP 500)").contains("*providers*: OK (HTTP 200)");
    }

    @Test
    void failingDegradedEndpointMakesTheRunWarningAndAPriorityTwoAlert() throws Exception {
        platform.setFault("providers-degraded", true);
        startMonitor(Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> runs().size() >= 2);
        assertThat(runs()).allSatisfy(r -> assertThat(r.status().label()).isEqualTo("warning"));
        assertThat(monitor.store().latest()).filteredOn(r -> r.name().equals("providers"))
                .singleElement().satisfies(r -> {
                    assertThat(r.status().label()).isEqualTo("warning");
                    assertThat(r.details()).isEqualTo("HTTP 503");
                });
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.received().size() == 1);
        assertThat(slack.received().get(0)).contains("P2 External providers degraded (HTTP 503)").doesNotContain("P0");
    }

    @Test
    void unreachableEndpointIsReportedWithItsError() throws Exception {
        int closed = TestMonitor.freePort();
        startMonitor(Map.of("monitor.health.endpoints",
                "application=/health:critical, api=http://127.0.0.1:" + closed + "/api/health:critical"));
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.received().size() == 1);
        assertThat(slack.received().get(0)).contains("API down: API health check failed (connection refused)")
                .contains("*api*: CRITICAL (connection refused)");
        await().atMost(Duration.ofSeconds(5)).until(() -> !runs().isEmpty());
        assertThat(monitor.store().latest()).filteredOn(r -> r.name().equals("api"))
                .singleElement().satisfies(r -> assertThat(r.value()).isNull());
    }

    @Test
    void recoveryIsNotifiedAndTheNextFailureNotifiesAgain() throws Exception {
        platform.setFault("app-down", true);
        startMonitor(Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.received().size() == 1);
        platform.setFault("app-down", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> !runs().isEmpty() && runs().get(0).status().label().equals("ok"));
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.received().size() == 2);
        assertThat(slack.received().get(1)).contains("RESOLVED: Application down");
        platform.setFault("app-down", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.received().size() == 3);
        assertThat(slack.received().get(2)).contains("P0 Application down").contains("*application*: CRITICAL (HTTP 503)");
    }
}
