package io.releasewatch.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasewatch.checks.CheckRun;
import io.releasewatch.clock.Phase;
import io.releasewatch.metrics.Status;
import io.releasewatch.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackMessagesTest {
    private final Alert alert = new Alert("id1", "health/critical", Instant.parse("2026-12-03T09:05:00Z"), Phase.CRITICAL, "P0",
            "health", "CRITICAL: production health check failed", "1 of 2 health endpoints failing",
            List.of(new Alert.Line("database", "critical", "HTTP 503"), new Alert.Line("a<b>&c", "ok", "HTTP 200")));

    @Test
    void blockKitWithHeaderLinesContextAndDashboardButton() throws Exception {
        JsonNode msg = new ObjectMapper().readTree(new SlackMessages("http://monitor.local:8080/").format(alert));
        assertThat(msg.get("text").asText()).contains("P0 CRITICAL: production health check failed at 2026-12-03 09:05:00 UTC");
        JsonNode blocks = msg.get("blocks");
        assertThat(blocks).extracting(b -> b.get("type").asText()).containsExactly("header", "section", "section", "context", "actions");
        assertThat(blocks.get(2).at("/text/text").asText()).contains("*database*: CRITICAL (HTTP 503)")
                .contains("*a&lt;b&gt;&amp;c*: OK (HTTP 200)");
        assertThat(blocks.get(3).toString()).contains("phase 1 (critical)");
        assertThat(blocks.get(4).at("/elements/0/url").asText()).isEqualTo("http://monitor.local:8080/");
    }

    @Test
    void gateNotifiesOnStartAndAfterTheReminderOnly() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T09:00:00Z"));
        AlertGate gate = new AlertGate(clock, Duration.ofMinutes(60));
        CheckRun failing = new CheckRun("health", Status.CRITICAL, List.of(), alert);
        CheckRun healthy = new CheckRun("health", Status.OK, List.of(), null);
        assertThat(gate.admit(failing)).isSameAs(alert);
        clock.advance(Duration.ofMinutes(59));
        assertThat(gate.admit(failing)).isNull();
        clock.advance(Duration.ofMinutes(1));
        assertThat(gate.admit(failing)).as("reminder").isSameAs(alert);
        assertThat(gate.admit(healthy)).isNull();
        assertThat(gate.admit(failing)).as("a new failure after recovery").isSameAs(alert);
    }
}
