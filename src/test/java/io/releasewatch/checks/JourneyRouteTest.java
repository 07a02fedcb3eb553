package io.releasewatch.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.support.MonitorFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guide 1.3: each journey step against the demo platform, passing and failing. */
class JourneyRouteTest {
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
    void everyStepPassesAndEachRunRegistersANewAddress() throws Exception {
        f.start(tmp, Map.of("monitor.cadence.journeys.phase1", "500ms"));
        await().atMost(Duration.ofSeconds(10)).until(() -> f.records("journey", "registration").size() >= 2);
        for (String step : new String[] {"homepage", "registration", "signin", "payment_health"}) {
            MetricRecord r = f.latest("journey", step);
            assertThat(r.status().label()).as(step).isEqualTo("ok");
            assertThat(r.value()).as(step + " time").isPositive();
        }
        var regs = f.records("journey", "registration");
        assertThat(regs.get(0).details()).isNotEqualTo(regs.get(1).details()).contains("HTTP 201");
        assertThat(f.slack.received()).isEmpty();
    }

    @Test
    void wrongTestAccountPasswordFailsSignInAndAlerts() throws Exception {
        f.start(tmp, Map.of("monitor.cadence.journeys.phase1", "1h", "monitor.journey.password", "wrong-password"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !f.slack.received().isEmpty());
        String msg = f.slack.received().get(0);
        assertThat(msg).contains("P1 User journey failed: signin (HTTP 401)").contains("*signin*: CRITICAL (HTTP 401)")
                .contains("*registration*: OK");
    }

    @Test
    void brokenRegistrationFails() throws Exception {
        f.platform.setFault("registration-broken", true);
        f.start(tmp, Map.of("monitor.cadence.journeys.phase1", "1h"));
        await().atMost(Duration.ofSeconds(10)).until(() -> f.latest("journey", "registration") != null);
        assertThat(f.latest("journey", "registration").status().label()).isEqualTo("critical");
        assertThat(f.latest("journey", "registration").details()).startsWith("HTTP 500");
    }

    @Test
    void slowHomepageFailsTheThreeSecondTarget() throws Exception {
        f.platform.setFault("homepage-slow", true);
        f.start(tmp, Map.of("monitor.cadence.journeys.phase1", "1h"));
        await().atMost(Duration.ofSeconds(15)).until(() -> f.latest("journey", "homepage") != null);
        MetricRecord r = f.latest("journey", "homepage");
        assertThat(r.status().label()).isEqualTo("critical");
        assertThat(r.value()).isGreaterThanOrEqualTo(3000.0);
        assertThat(r.details()).contains("limit 3000 ms");
    }

    @Test
    void paymentOutageIsAJourneyFailureAtOnceAndAPriorityZeroAfterFiveMinutes() throws Exception {
        f.platform.setFault("payments-503", true);
        // 60x: a journey run every monitor minute (1 s); the payment rule's 5 minutes pass in 5 s.
        f.start(tmp, Map.of("monitor.clock-speed", "60", "monitor.cadence.journeys.phase1", "1m"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !f.slack.received().isEmpty());
        assertThat(f.slack.received().get(0)).contains("P1 User journey failed: payment_health (HTTP 503)")
                .contains("*payment_health*: CRITICAL (HTTP 503)");
        await().atMost(Duration.ofSeconds(20)).until(() -> f.slack.received().stream().anyMatch(m -> m.contains("P0 Payment failures")));
    }

    @Test
    void theTestAccountPasswordNeverLeavesTheSignInRequest() throws Exception {
        f.start(tmp, Map.of("monitor.cadence.journeys.phase1", "500ms", "monitor.cadence.health.phase1", "500ms"));
        await().atMost(Duration.ofSeconds(10)).until(() -> f.records("journey", "run").size() >= 2);
        f.platform.setFault("signin-broken", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> !f.slack.received().isEmpty());
        String secret = "s3cret-Passw0rd";
        assertThat(f.monitor.get("/").body()).doesNotContain(secret);
        assertThat(f.monitor.get("/api/status").body()).doesNotContain(secret);
        assertThat(f.monitor.getManagement("/observe/metrics").body()).doesNotContain(secret);
        assertThat(String.join("\n", f.slack.received())).doesNotContain(secret);
        try (Stream<Path> files = Files.list(f.monitor.dataDir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".log")).toList()) {
                assertThat(Files.readString(p)).as(p.toString()).doesNotContain(secret);
            }
        }
    }
}
