package io.releasewatch.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasewatch.support.MonitorFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledgement, escalation, silences and rules-file reload through the real monitor and its HTTP API. */
class AlertApiRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private JsonNode activeAlerts() throws Exception {
        return JSON.readTree(f.monitor.get("/api/alerts").body()).get("active");
    }

    @Test
    void acknowledgingStopsTheEscalationThatOtherwiseComes() throws Exception {
        f.platform.setFault("database-down", true);
        f.platform.setFault("app-down", true);
        // 60x: P0 escalates after 5 monitor minutes, i.e. 5 s.
        f.start(tmp, Map.of("monitor.clock-speed", "60", "monitor.cadence.health.phase1", "30s"));
        await().atMost(Duration.ofSeconds(10)).until(() -> activeAlerts().size() == 2);
        JsonNode db = null;
        for (JsonNode a : activeAlerts()) if (a.get("rule").asText().equals("database-connection-issues")) db = a;
        assertThat(db).isNotNull();

        var ack = f.monitor.post("/api/alerts/" + db.get("id").asText() + "/ack", "{\"by\":\"alice\"}");
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ack.body()).get("acknowledgedBy").asText()).isEqualTo("alice");
        assertThat(f.monitor.post("/api/alerts/no-such-alert/ack", "").statusCode()).isEqualTo(404);

        // The unacknowledged one escalates; the acknowledged one does not.
        await().atMost(Duration.ofSeconds(15)).until(() -> f.slack.received().stream().anyMatch(m -> m.contains("ESCALATED (level 1)")));
        Thread.sleep(1500);
        assertThat(f.slack.received()).filteredOn(m -> m.contains("ESCALATED"))
                .allSatisfy(m -> assertThat(m).contains("Application down").doesNotContain("Database connection issues"));
        String page = f.monitor.get("/").body();
        assertThat(page).contains("by alice").contains("escalated").contains("level 1");
        // the dashboard channel's feed
        assertThat(page.substring(page.indexOf("<ul id=\"notifications\">"))).contains("Database connection issues").contains("(2 alerts)");
    }

    @Test
    void theDashboardButtonAcknowledgesAndComesBack() throws Exception {
        f.platform.setFault("api-down", true);
        f.start(tmp, Map.of("monitor.cadence.health.phase1", "1h"));
        await().atMost(Duration.ofSeconds(10)).until(() -> activeAlerts().size() == 1);
        String id = activeAlerts().get(0).get("id").asText();
        assertThat(f.monitor.get("/").body()).contains("action=\"/api/alerts/" + id + "/ack\"");
        HttpResponse<String> resp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + f.monitor.httpPort + "/api/alerts/" + id + "/ack"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).isEqualTo(303);
        assertThat(resp.headers().firstValue("Location")).contains("/");
        assertThat(activeAlerts().get(0).get("acknowledgedBy").asText()).isEqualTo("dashboard");
    }

    @Test
    void aSilenceRecordsTheAlertButNotifiesNobody() throws Exception {
        f.start(tmp, Map.of("monitor.cadence.health.phase1", "300ms"));
        var bad = f.monitor.post("/api/silences", "{\"rule\":\"api-down\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("give endsAt (ISO-8601) or duration");
        var ok = f.monitor.post("/api/silences", "{\"rule\":\"api-down\",\"duration\":\"1h\",\"reason\":\"deploying the API\"}");
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(f.monitor.get("/api/silences").body()).contains("deploying the API");

        f.platform.setFault("api-down", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> activeAlerts().size() == 1 && activeAlerts().get(0).get("state").asText().equals("firing"));
        assertThat(activeAlerts().get(0).get("silenced").asBoolean()).isTrue();
        f.platform.setFault("database-down", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> !f.slack.received().isEmpty());
        assertThat(f.slack.received()).hasSize(1).allSatisfy(m -> assertThat(m).contains("Database connection issues"));
    }

    @Test
    void anInvalidRulesEditIsRejectedAndTheOldRulesStayInForce() throws Exception {
        Path rules = tmp.resolve("config").resolve("alert-rules.yaml");
        f.rules(tmp, "rules:\n  - name: api-down\n    severity: P0\n    metric: health/api\n    status: [critical]\n    summary: old rules\n");
        f.start(tmp, Map.of("monitor.cadence.health.phase1", "300ms"));
        Files.writeString(rules, "rules:\n  - name: api-down\n    severity: P9\n    metric: health/api\n    status: [critical]\n");
        Thread.sleep(1000);
        f.platform.setFault("api-down", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> !f.slack.received().isEmpty());
        assertThat(f.slack.received().get(0)).contains("P0 old rules");

        // a valid edit applies without a restart
        f.platform.setFault("api-down", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.slack.received().size() == 2);
        Files.writeString(rules, "rules:\n  - name: api-down\n    severity: P1\n    metric: health/api\n    status: [critical]\n    summary: new rules\n");
        Thread.sleep(1000);
        f.platform.setFault("api-down", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.slack.received().size() == 3);
        assertThat(f.slack.received().get(2)).contains("P1 new rules");
    }

    @Test
    void aBrokenRulesFileStopsStartUpWithFileLineAndReason() throws Exception {
        f.rules(tmp, "rules:\n  - name: api-down\n    severity: P0\n    metric: health/api\n    threshhold: 3\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.start(tmp, Map.of()))
                .isInstanceOf(io.releasewatch.config.ConfigException.class)
                .hasMessageContaining("alert-rules.yaml:5").hasMessageContaining("threshhold");
    }
}
