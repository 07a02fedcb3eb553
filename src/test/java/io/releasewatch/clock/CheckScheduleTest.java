package io.releasewatch.clock;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasewatch.store.MetricStore;
import io.releasewatch.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule with a hand-moved clock: cadence per phase, off in a phase, no burst after a pause. */
class CheckScheduleTest {
    @TempDir
    Path tmp;
    final Instant release = Instant.parse("2026-12-03T09:00:00Z");
    final MutableClock clock = new MutableClock(release);
    MetricStore store;
    CheckSchedule schedule;

    @BeforeEach
    void setUp() {
        store = new MetricStore(tmp.resolve("s.db"));
        CadenceTable table = new CadenceTable()
                .set("health", Phase.CRITICAL, Optional.of(Duration.ofMinutes(5)))
                .set("health", Phase.INTENSIVE, Optional.of(Duration.ofMinutes(15)))
                .set("journeys", Phase.CRITICAL, Optional.of(Duration.ofMinutes(15)));
        schedule = new CheckSchedule(new ReleaseClock(clock, PhasePlan.guideDefaults(), store, Optional.of(release)), table);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void dueOncePerCadence() {
        assertThat(schedule.due("health")).isTrue();
        assertThat(schedule.due("health")).isFalse();
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(schedule.due("health")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(schedule.due("health")).isTrue();
    }

    @Test
    void phaseTwoUsesItsOwnCadenceAndOffMeansNever() {
        clock.advance(Duration.ofHours(2));
        assertThat(schedule.due("health")).isTrue();
        assertThat(schedule.due("journeys")).as("journeys are off in phase 2").isFalse();
        clock.advance(Duration.ofMinutes(5));
        assertThat(schedule.due("health")).isFalse();
        clock.advance(Duration.ofMinutes(10));
        assertThat(schedule.due("health")).isTrue();
    }

    @Test
    void aLongPauseGivesOneRunNotABurst() {
        assertThat(schedule.due("health")).isTrue();
        clock.advance(Duration.ofMinutes(50));
        assertThat(schedule.due("health")).isTrue();
        assertThat(schedule.due("health")).isFalse();
    }

    @Test
    void unknownChecksNeverRun() {
        assertThat(schedule.due("no-such-check")).isFalse();
    }
}
