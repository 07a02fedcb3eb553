package io.releasewatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasewatch.alerting.AlertInstance;
import io.releasewatch.store.AlertStore;
import io.releasewatch.clock.Phase;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import io.releasewatch.support.MonitorFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guide 4.1: the dashboard page and the status API, served by Camel. */
class DashboardRouteTest {
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
    void pageShowsPhaseLatestStatusPerTypeAndRecentResults() throws Exception {
        f.platform.setFault("providers-degraded", true);
        f.start(tmp, Map.of("monitor.cadence.health.phase1", "1h", "monitor.cadence.journeys.phase1", "1h"));
        await().atMost(Duration.ofSeconds(10)).until(() -> f.latest("journey", "run") != null && f.latest("health", "run") != null);

        var resp = f.monitor.get("/");
        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(resp.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        String html = resp.body();
        assertThat(html).contains("<meta http-equiv=\"refresh\" content=\"60\">")
                .contains("Phase <strong>1 (critical)</strong>")
                .contains("<strong>health</strong>: <span class=\"warning\">WARNING</span>")
                .contains("<strong>journey</strong>: <span class=\"ok\">OK</span>")
                .contains("Monitoring in phase 1 (critical)");
        // newest first
        int registration = html.indexOf("<td>registration</td>");
        assertThat(registration).isPositive();
    }

    @Test
    void everyValueFromOutsideIsEscaped() throws Exception {
        f.start(tmp, Map.of());
        Instant now = Instant.now();
        f.monitor.store().insertAll(List.of(
                new MetricRecord(now, Phase.CRITICAL, "health", "<img src=x onerror=alert(1)>", 1.0, Status.CRITICAL,
                        "<script>alert('details')</script>"),
                new MetricRecord(now, Phase.CRITICAL, "health", "run", 1.0, Status.CRITICAL, "\"quoted\" & <b>bold</b>")));
        AlertInstance alert = new AlertInstance("a1", "<x>rule", "health/<x>", "P0", AlertInstance.State.FIRING, now, now, null, now,
                null, null, 0, false, "<i>title</i>", "<u>sum</u>", 1.0, Map.of("team", "<b>"));
        f.monitor.alertStore().apply(List.of(alert), List.of(new AlertStore.Event("a1", now, "fired", "<y>")), List.of(), now);
        String html = f.monitor.get("/").body();
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<b>bold</b>")
                .doesNotContain("<i>title</i>").doesNotContain("<x>").doesNotContain("<u>sum</u>").doesNotContain("<y>")
                .contains("&lt;i&gt;title&lt;/i&gt;")
                .contains("&lt;script&gt;alert(&#39;details&#39;)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;");
    }

    @Test
    void recentResultsAreCappedAndNewestFirst() throws Exception {
        f.start(tmp, Map.of("monitor.dashboard.recent-limit", "5"));
        Instant now = Instant.now();
        List<MetricRecord> many = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> new MetricRecord(now.minusSeconds(20 - i), Phase.CRITICAL, "health", "n" + i, (double) i, Status.OK, "d" + i))
                .toList();
        f.monitor.store().insertAll(many);
        String html = f.monitor.get("/").body();
        String table = html.substring(html.indexOf("<table id=\"recent\">"));
        assertThat(table.split("<tr><td>", -1)).hasSize(6);
        assertThat(table.indexOf("<td>n19</td>")).isLessThan(table.indexOf("<td>n18</td>"));
        assertThat(table).doesNotContain("<td>n14</td>");
    }

    @Test
    void statusApiGivesPhaseChecksAndRecentResultsAsJson() throws Exception {
        f.start(tmp, Map.of("monitor.cadence.health.phase1", "1h"));
        await().atMost(Duration.ofSeconds(10)).until(() -> f.latest("health", "run") != null);
        var resp = f.monitor.get("/api/status");
        assertThat(resp.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode json = new ObjectMapper().readTree(resp.body());
        assertThat(json.at("/phase/number").asInt()).isEqualTo(1);
        assertThat(json.at("/checks/health/status").asText()).isEqualTo("ok");
        assertThat(json.at("/checks/health/signals")).hasSize(6);
        assertThat(json.get("recent").size()).isGreaterThanOrEqualTo(5);
        assertThat(json.get("phaseChanges").get(0).get("to").asInt()).isEqualTo(1);
    }
}
