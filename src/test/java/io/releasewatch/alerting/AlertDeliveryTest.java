package io.releasewatch.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasewatch.support.MonitorFixture;
import io.releasewatch.support.SlackReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Channels as Camel endpoints, retries, Retry-After, dead letters, rate limits and restarts, end to end. */
class AlertDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = """
            rules:
              - name: endpoint-down
                severity: P0
                metric: health/*
                status: [critical]
                summary: "{{name}} is down ({{details}})"
            """;

    @TempDir
    Path tmp;
    MonitorFixture f;
    SlackReceiver webhook;

    @BeforeEach
    void setUp() throws Exception {
        f = new MonitorFixture();
        f.rules(tmp, RULES);
        webhook = new SlackReceiver();
    }

    @AfterEach
    void tearDown() {
        f.close();
        webhook.close();
    }

    private Map<String, String> props(String... kv) {
        Map<String, String> p = new HashMap<>();
        p.put("monitor.cadence.health.phase1", "300ms");
        p.put("monitor.alert.delivery.first-delay", "100ms");
        p.put("monitor.alert.delivery.attempts", "3");
        p.put("monitor.alert.delivery.recovery-interval", "1s");
        for (int i = 0; i < kv.length; i += 2) p.put(kv[i], kv[i + 1]);
        return p;
    }

    private List<String> series(List<String> messages) {
        return messages.stream().map(m -> m.replaceAll("(?s).*\\*(health/[a-z]+)\\*.*", "$1")).toList();
    }

    @Test
    void slackAnswering500Then429ThenOkGetsEveryAlertExactlyOnce() throws Exception {
        f.slack.answerNext(500, 0);
        f.slack.answerNext(429, 1);
        f.platform.setFault("database-down", true);
        f.start(tmp, props());
        await().atMost(Duration.ofSeconds(10)).until(() -> f.slack.received().size() == 1);
        long afterFirst = System.nanoTime();
        f.platform.setFault("app-down", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.slack.received().size() == 2);
        // the second alert waited for Slack's one-message-per-second limit, not less
        List<Long> at = f.slack.receivedAtNanos();
        assertThat(Duration.ofNanos(at.get(1) - at.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(990));
        assertThat(f.slack.attempts()).isEqualTo(4);
        assertThat(series(f.slack.received())).containsExactly("health/database", "health/application");
        // nothing more arrives: no duplicate of either
        Thread.sleep(1500);
        assertThat(f.slack.received()).hasSize(2);
        assertThat(afterFirst).isPositive();
    }

    @Test
    void retryAfterOn429IsHonoured() throws Exception {
        f.slack.answerNext(429, 2);
        f.platform.setFault("database-down", true);
        long start = System.nanoTime();
        f.start(tmp, props());
        await().atMost(Duration.ofSeconds(10)).until(() -> f.slack.received().size() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(f.slack.attempts()).isEqualTo(2);
    }

    @Test
    void afterTheRetriesTheAlertIsDeadLetteredAndDeliveredWhenSlackRecovers() throws Exception {
        for (int i = 0; i < 4; i++) f.slack.answerNext(500, 0);
        f.platform.setFault("database-down", true);
        f.start(tmp, props());
        Path dead = f.monitor.dataDir.resolve("alerts_undelivered.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dead));
        JsonNode line = JSON.readTree(Files.readAllLines(dead).get(0));
        assertThat(line.get("channel").asText()).isEqualTo("slack");
        assertThat(line.get("reason").asText()).contains("HTTP 500");
        assertThat(line.at("/notification/alerts/0/series").asText()).isEqualTo("health/database");
        assertThat(Files.readString(dead)).doesNotContain("secret-token");
        // the 4th attempt (recovery) still fails, the 5th succeeds
        await().atMost(Duration.ofSeconds(10)).until(() -> f.slack.received().size() == 1);
        assertThat(f.slack.attempts()).isEqualTo(5);
        assertThat(Files.readAllLines(dead)).as("dead-lettered once").hasSize(1);
    }

    @Test
    void aGenericWebhookChannelIsAddedByConfigurationAndAFailingSlackDoesNotDelayIt() throws Exception {
        for (int i = 0; i < 3; i++) f.slack.answerNext(500, 0);
        f.platform.setFault("database-down", true);
        f.start(tmp, props("monitor.alert.channels", "slack,file,dashboard,webhook",
                "monitor.alert.channel.webhook.uri", webhook.url(),
                "monitor.alert.p0.channels", "slack,file,dashboard,webhook"));
        await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received().size() == 1);
        assertThat(f.slack.received()).as("Slack is still failing while the webhook got it").isEmpty();
        JsonNode n = JSON.readTree(webhook.received().get(0));
        assertThat(n.get("kind").asText()).isEqualTo("FIRING");
        assertThat(n.get("severity").asText()).isEqualTo("P0");
        assertThat(n.at("/alerts/0/series").asText()).isEqualTo("health/database");
        assertThat(n.at("/alerts/0/summary").asText()).isEqualTo("database is down (HTTP 503)");
        await().atMost(Duration.ofSeconds(10)).until(() -> f.slack.received().size() == 1);

        f.platform.setFault("database-down", false);
        await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received().size() == 2);
        assertThat(JSON.readTree(webhook.received().get(1)).get("kind").asText()).isEqualTo("RESOLVED");
    }

    @Test
    void notificationsQueuedBeforeAStopAreDeliveredAfterTheRestart() throws Exception {
        for (int i = 0; i < 100; i++) f.slack.answerNext(503, 0);
        f.platform.setFault("database-down", true);
        f.start(tmp, props("monitor.alert.delivery.recovery-interval", "1h"));
        await().atMost(Duration.ofSeconds(10)).until(() -> f.slack.attempts() >= 3);
        f.monitor.close();

        SlackReceiver recovered = new SlackReceiver();
        try {
            // same data dir, Slack back: the queued notification goes out once, and the still-firing alert
            // is not notified again
            f.monitor = io.releasewatch.support.TestMonitor.start(tmp, Map.of(
                    "monitor.target.base-url", f.platform.baseUrl(), "monitor.slack.webhook-url", recovered.url(),
                    "monitor.cadence.health.phase1", "300ms", "monitor.cadence.golden-signals.phase1", "off",
                    "monitor.cadence.journeys.phase1", "off"));
            await().atMost(Duration.ofSeconds(10)).until(() -> recovered.received().size() == 1);
            Thread.sleep(1500);
            assertThat(recovered.received()).hasSize(1);
            assertThat(recovered.received().get(0)).contains("health/database");
        } finally {
            recovered.close();
        }
    }
}
