package io.releasewatch.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasewatch.alerting.rules.InMemoryMetricHistory;
import io.releasewatch.checks.CheckRun;
import io.releasewatch.clock.Phase;
import io.releasewatch.clock.PhasePlan;
import io.releasewatch.clock.ReleaseClock;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import io.releasewatch.store.AlertStore;
import io.releasewatch.store.Database;
import io.releasewatch.store.MetricStore;
import io.releasewatch.support.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert lifecycle with a hand-moved clock and a real store: what gets queued for which channel, and when. */
class AlertEngineTest {
    private static final String RULES = """
            rules:
              - name: endpoint-down
                severity: P0
                metric: health/*
                status: [critical]
                summary: "{{name}} is down ({{details}})"
              - name: high-error-rate
                severity: P1
                metric: golden_signals/error_rate_pct
                above: 5
                for: 10m
                summary: "error rate {{value}} %"
            """;

    @TempDir
    Path tmp;
    final Instant start = Instant.parse("2026-12-03T09:00:00Z");
    final MutableClock clock = new MutableClock(start);
    Database db;
    AlertStore alerts;
    ReleaseClock release;
    Silences silences;
    AlertEngine engine;
    int wakes;

    final SeverityPolicy policy = new SeverityPolicy(Map.of(
            "P0", new SeverityPolicy.Level("P0", Duration.ofMinutes(5), Duration.ofMinutes(5), List.of("slack", "file"), List.of("pager")),
            "P1", new SeverityPolicy.Level("P1", Duration.ofMinutes(15), Duration.ofMinutes(30), List.of("slack"), List.of("pager")),
            "P2", new SeverityPolicy.Level("P2", Duration.ofHours(1), Duration.ofHours(2), List.of("slack"), List.of("slack")),
            "P3", new SeverityPolicy.Level("P3", Duration.ofHours(4), Duration.ofHours(24), List.of("file"), List.of("slack"))), 2);
    final Map<String, Channel> channels = Map.of(
            "slack", new Channel("slack", "direct:alert-slack", true, Duration.ofSeconds(1)),
            "file", new Channel("file", "direct:alert-file", false, Duration.ZERO),
            "pager", new Channel("pager", "direct:pager", true, Duration.ZERO));

    @BeforeEach
    void setUp() throws Exception {
        db = new Database(tmp.resolve("a.db"));
        alerts = new AlertStore(db);
        release = new ReleaseClock(clock, PhasePlan.guideDefaults(), new MetricStore(db), Optional.of(start));
        Files.writeString(tmp.resolve("rules.yaml"), RULES);
        newEngine(Duration.ofHours(1));
    }

    private void newEngine(Duration reminder) throws Exception {
        silences = new Silences(alerts, clock, List.of());
        engine = new AlertEngine(release, new InMemoryMetricHistory(Duration.ofHours(2)), new RuleBook(tmp.resolve("rules.yaml"), () -> ""),
                alerts, policy, channels, silences, reminder, "http://dash/", () -> wakes++);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private void health(Status app, Status db, Status api) {
        Instant t = clock.instant();
        engine.onRun(new CheckRun("health", app.worst(db).worst(api), List.of(
                rec(t, "health", "application", app), rec(t, "health", "database", db), rec(t, "health", "api", api))));
    }

    private static MetricRecord rec(Instant t, String type, String name, Status s) {
        return new MetricRecord(t, Phase.CRITICAL, type, name, 12.0, s, s == Status.OK ? "HTTP 200" : "HTTP 503");
    }

    private void errorRate(double pct) {
        Instant t = clock.instant();
        engine.onRun(new CheckRun("golden_signals", Status.OK, List.of(
                new MetricRecord(t, Phase.CRITICAL, "golden_signals", "error_rate_pct", pct, Status.OK, pct + "%"))));
    }

    /** Queued notifications, oldest first, as "channel kind headline". */
    private List<String> outbox() {
        List<String> out = new ArrayList<>();
        List<AlertStore.OutboxRow> rows = new ArrayList<>(alerts.recentOutbox(1000));
        java.util.Collections.reverse(rows);
        for (AlertStore.OutboxRow r : rows) {
            Notification n = NotificationJson.read(r.payload());
            out.add(r.channel() + " " + n.kind() + " " + n.headline());
        }
        return out;
    }

    @Test
    void firesOnceWhileFiringAndNotifiesTheResolution() {
        health(Status.OK, Status.CRITICAL, Status.OK);
        assertThat(outbox()).containsExactly("slack FIRING P0 database is down (HTTP 503)", "file FIRING P0 database is down (HTTP 503)");
        clock.advance(Duration.ofMinutes(1));
        health(Status.OK, Status.CRITICAL, Status.OK);
        engine.tick();
        assertThat(outbox()).hasSize(2);
        clock.advance(Duration.ofMinutes(1));
        health(Status.OK, Status.OK, Status.OK);
        // resolved goes to slack only: the file channel has resolved notifications switched off
        assertThat(outbox()).hasSize(3).last().isEqualTo("slack RESOLVED P0 RESOLVED: database is down (HTTP 200)");
        assertThat(engine.activeAlerts()).isEmpty();
        assertThat(wakes).isEqualTo(2);
    }

    @Test
    void forDurationKeepsTheAlertPendingUntilItElapses() {
        errorRate(7);
        assertThat(engine.activeAlerts()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(AlertInstance.State.PENDING));
        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        errorRate(8);
        assertThat(outbox()).as("pending is not notified").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        engine.tick();
        assertThat(outbox()).containsExactly("slack FIRING P1 error rate 8 %");
    }

    @Test
    void aConditionThatClearsWhilePendingNeverNotifies() {
        errorRate(7);
        clock.advance(Duration.ofMinutes(5));
        errorRate(2);
        clock.advance(Duration.ofMinutes(10));
        errorRate(7);
        engine.tick();
        assertThat(outbox()).isEmpty();
        assertThat(engine.activeAlerts()).singleElement().satisfies(a -> assertThat(a.pendingSince()).isEqualTo(clock.instant()));
    }

    @Test
    void endpointsFailingInTheSameEvaluationAreOneMessage() {
        health(Status.CRITICAL, Status.CRITICAL, Status.CRITICAL);
        List<String> queued = outbox();
        assertThat(queued).hasSize(2).allSatisfy(s -> assertThat(s).contains("endpoint-down: 3 series").contains("(3 alerts)"));
        Notification n = NotificationJson.read(alerts.recentOutbox(1).get(0).payload());
        assertThat(n.alerts()).extracting(Notification.Item::series)
                .containsExactlyInAnyOrder("health/application", "health/database", "health/api");
        assertThat(n.context()).extracting(Notification.Line::name).containsExactly("api", "application", "database");
    }

    @Test
    void reminderWhileFiringUnacknowledged() throws Exception {
        newEngine(Duration.ofMinutes(20));
        errorRate(9);
        clock.advance(Duration.ofMinutes(10));
        engine.tick();
        clock.advance(Duration.ofMinutes(19));
        engine.tick();
        assertThat(outbox()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        engine.tick();
        assertThat(outbox()).last().isEqualTo("slack REMINDER P1 STILL FIRING: error rate 9 %");
    }

    @Test
    void unacknowledgedAlertEscalatesPerLevelUpToTheConfiguredCount() {
        health(Status.OK, Status.CRITICAL, Status.OK);
        clock.advance(Duration.ofMinutes(4));
        engine.tick();
        assertThat(outbox()).hasSize(2);
        clock.advance(Duration.ofMinutes(1));
        engine.tick();
        assertThat(outbox()).last().isEqualTo("pager ESCALATION P0 ESCALATED (level 1): database is down (HTTP 503)");
        clock.advance(Duration.ofMinutes(5));
        engine.tick();
        assertThat(outbox()).last().isEqualTo("pager ESCALATION P0 ESCALATED (level 2): database is down (HTTP 503)");
        clock.advance(Duration.ofMinutes(30));
        engine.tick();
        assertThat(outbox()).filteredOn(s -> s.contains("ESCALATION")).as("max 2 levels").hasSize(2);
        assertThat(alerts.recentEvents(50)).extracting(AlertStore.Event::kind).contains("escalated");
    }

    @Test
    void acknowledgingStopsEscalation() {
        health(Status.OK, Status.CRITICAL, Status.OK);
        String id = engine.activeAlerts().get(0).id();
        clock.advance(Duration.ofMinutes(2));
        assertThat(engine.acknowledge(id, "alice")).hasValueSatisfying(a -> assertThat(a.ackedBy()).isEqualTo("alice"));
        clock.advance(Duration.ofMinutes(30));
        engine.tick();
        assertThat(outbox()).noneMatch(s -> s.contains("ESCALATION"));
        assertThat(alerts.recentEvents(10)).anySatisfy(e -> assertThat(e.detail()).isEqualTo("database is down (HTTP 503): by alice"));
        assertThat(engine.acknowledge("no-such-id", "bob")).isEmpty();
    }

    @Test
    void silencedAlertsAreRecordedButNotNotified() {
        silences.add(new Silence("s1", "endpoint-down", null, null, start, start.plus(Duration.ofHours(1)), "maintenance"));
        health(Status.OK, Status.CRITICAL, Status.OK);
        assertThat(outbox()).isEmpty();
        assertThat(engine.activeAlerts()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertInstance.State.FIRING);
            assertThat(a.silenced()).isTrue();
        });
        clock.advance(Duration.ofMinutes(59));
        engine.tick();
        assertThat(outbox()).as("no escalation of a silenced alert").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        engine.tick();
        assertThat(outbox()).as("still firing when the silence ends: notified as firing, not escalated")
                .containsExactly("slack FIRING P0 database is down (HTTP 503)", "file FIRING P0 database is down (HTTP 503)");
    }

    @Test
    void aSilenceByLabelMatchesOnlyThoseAlerts() {
        silences.add(new Silence("s2", null, "name", "database", start, start.plus(Duration.ofHours(1)), "db failover"));
        health(Status.CRITICAL, Status.CRITICAL, Status.OK);
        assertThat(outbox()).hasSize(2).allSatisfy(s -> assertThat(s).contains("application is down").doesNotContain("database"));
        assertThat(engine.activeAlerts()).filteredOn(AlertInstance::silenced).extracting(AlertInstance::series)
                .containsExactly("health/database");
    }

    @Test
    void restartWhileFiringNeitherRepeatsNorForgets() throws Exception {
        health(Status.OK, Status.CRITICAL, Status.OK);
        clock.advance(Duration.ofMinutes(5));
        engine.tick();
        assertThat(outbox()).hasSize(3);

        newEngine(Duration.ofHours(1));
        assertThat(engine.activeAlerts()).singleElement().satisfies(a -> assertThat(a.escalationLevel()).isEqualTo(1));
        health(Status.OK, Status.CRITICAL, Status.OK);
        engine.tick();
        assertThat(outbox()).as("no duplicate after restart").hasSize(3);
        clock.advance(Duration.ofMinutes(5));
        engine.tick();
        assertThat(outbox()).as("escalation continues where it was").last().asString().contains("level 2");
        health(Status.OK, Status.OK, Status.OK);
        assertThat(outbox()).last().asString().startsWith("slack RESOLVED");
    }
}
