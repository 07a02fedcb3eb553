package io.releasewatch.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.releasewatch.support.MonitorFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phases and cadences under a fast monitor clock, through the real routes. */
class PhaseScheduleRouteTest {
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

    private List<PhaseChange> changesOldestFirst() {
        return f.monitor.store().phaseChanges(100).stream().sorted(Comparator.comparing(PhaseChange::at)).toList();
    }

    @Test
    void theWhole72HourPlanRunsInSecondsAtHighClockSpeed() throws Exception {
        // 50000x: 72 h of monitor time in about 5.2 s of real time; a 10 ms tick is 8.3 monitor minutes.
        f.start(tmp, Map.of("monitor.clock-speed", "50000", "monitor.scheduler.tick", "10ms",
                "monitor.cadence.health.phase1", "20m", "monitor.cadence.health.phase2", "2h",
                "monitor.cadence.health.phase3", "6h", "monitor.cadence.health.phase4", "12h"));
        await().atMost(Duration.ofSeconds(20)).until(() -> changesOldestFirst().size() >= 4);
        List<PhaseChange> changes = changesOldestFirst();
        assertThat(changes).extracting(PhaseChange::to).containsExactly(Phase.CRITICAL, Phase.INTENSIVE, Phase.EXTENDED, Phase.STEADY);
        assertThat(changes.get(1).describe()).isEqualTo("Phase changed from 1 (critical) to 2 (intensive)");
        Instant release = changes.get(0).releaseTime();
        assertThat(Duration.between(release, changes.get(1).at())).isEqualTo(Duration.ofHours(2));
        assertThat(Duration.between(release, changes.get(2).at())).isEqualTo(Duration.ofHours(24));
        assertThat(Duration.between(release, changes.get(3).at())).isEqualTo(Duration.ofHours(72));

        // Health ran on each phase's cadence: every 20 min in phase 1 (6 runs in 2 h), every 2 h in phase 2 (11 in 22 h).
        await().atMost(Duration.ofSeconds(10)).until(() -> f.records("health", "run").stream().anyMatch(r -> r.phase() == Phase.STEADY));
        var runs = f.records("health", "run");
        long phase1 = runs.stream().filter(r -> r.phase() == Phase.CRITICAL).count();
        long phase2 = runs.stream().filter(r -> r.phase() == Phase.INTENSIVE).count();
        assertThat(phase1).isBetween(4L, 7L);
        assertThat(phase2).isBetween(9L, 12L);

        assertThat(f.monitor.get("/").body()).contains("Phase changed from 3 (extended) to 4 (steady)");
    }

    @Test
    void aCheckSwitchedOffInTheNextPhaseStopsRunning() throws Exception {
        // Release 1 h 59 min 50 s ago at 60x: phase 2 begins about 0.2 s after start.
        Instant release = Instant.now().minus(Duration.ofHours(2)).plusSeconds(10);
        f.start(tmp, Map.of("monitor.release-time", release.toString(), "monitor.clock-speed", "60",
                "monitor.cadence.journeys.phase1", "1s", "monitor.cadence.journeys.phase2", "off",
                "monitor.cadence.health.phase2", "30s"));
        await().atMost(Duration.ofSeconds(10)).until(() -> changesOldestFirst().size() >= 2);
        assertThat(changesOldestFirst()).extracting(PhaseChange::to).containsExactly(Phase.CRITICAL, Phase.INTENSIVE);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.records("health", "run").size() >= 3);
        assertThat(f.records("journey", "run")).allSatisfy(r -> assertThat(r.phase()).isEqualTo(Phase.CRITICAL));
    }

    @Test
    void aRestartedRehearsalResumesItsClockInsteadOfGoingBackInTime() throws Exception {
        f.start(tmp, Map.of("monitor.clock-speed", "3600"));
        await().atMost(Duration.ofSeconds(15)).until(() -> changesOldestFirst().size() >= 2);
        Instant before = f.monitor.store().lastRecordedTime().orElseThrow();
        f.monitor.close();
        f.monitor = null;

        f.start(tmp, Map.of("monitor.clock-speed", "3600"));
        Thread.sleep(500);
        assertThat(changesOldestFirst()).extracting(PhaseChange::to).as("no return to phase 1")
                .filteredOn(p -> p == Phase.CRITICAL).hasSize(1);
        assertThat(f.monitor.watch.camelContext().getRegistry().lookupByNameAndType("clock", java.time.Clock.class).instant())
                .isAfterOrEqualTo(before);
    }

    @Test
    void aReleaseDeclaredThroughTheApiSurvivesARestart() throws Exception {
        f.start(tmp, Map.of());
        var bad = f.monitor.post("/api/releases", "{\"releaseTime\":\"yesterday\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("releaseTime 'yesterday' is not an ISO-8601 time");

        Instant declared = Instant.parse("2026-01-01T09:00:00Z");
        var ok = f.monitor.post("/api/releases", "{\"releaseTime\":\"" + declared + "\"}");
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(ok.body()).contains("\"phase\":4");
        f.monitor.close();

        f.monitor = null;
        f.start(tmp, Map.of());
        assertThat(f.monitor.get("/api/status").body()).contains("\"releaseTime\":\"2026-01-01T09:00:00Z\"")
                .contains("\"number\":4");
    }
}
