package io.releasewatch.clock;

import io.releasewatch.store.MetricStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release being watched and the phase it is in. The release time is persisted: the one declared
 * last (config at start-up, or {@code POST /api/releases}) wins and survives a restart.
 */
public final class ReleaseClock {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseClock.class);

    private final Clock clock;
    private final PhasePlan plan;
    private final MetricStore store;
    private volatile Instant releaseTime;
    private Phase observed;
    private Instant lastObservation;

    public ReleaseClock(Clock clock, PhasePlan plan, MetricStore store, Optional<Instant> configured) {
        this.clock = clock;
        this.plan = plan;
        this.store = store;
        configured.ifPresent(t -> {
            // A config value counts as a declaration once; re-reading the same file after a restart must
            // not override a release declared later through the API.
            if (!store.releaseDeclared(t, "config")) store.recordRelease(t, clock.instant(), "config");
        });
        this.releaseTime = store.latestRelease().orElseGet(() -> {
            Instant now = clock.instant();
            store.recordRelease(now, now, "startup");
            LOG.info("No release time configured or stored: watching a release that starts now ({})", now);
            return now;
        });
        this.observed = store.phaseChanges(1).stream().findFirst().map(PhaseChange::to).orElse(null);
    }

    public Clock clock() {
        return clock;
    }

    public PhasePlan plan() {
        return plan;
    }

    public Instant releaseTime() {
        return releaseTime;
    }

    public Instant now() {
        return clock.instant();
    }

    public Duration sinceRelease() {
        return Duration.between(releaseTime, clock.instant());
    }

    public Phase phaseAt(Instant t) {
        return plan.phaseAfter(Duration.between(releaseTime, t));
    }

    public Phase currentPhase() {
        return phaseAt(clock.instant());
    }

    /** A new release replaces the one being watched; phases restart from it. */
    public synchronized Instant declareRelease(Instant time, String source) {
        store.recordRelease(time, clock.instant(), source);
        releaseTime = time;
        LOG.info("Release declared at {} (source: {})", time, source);
        return time;
    }

    /**
     * The phase change since the last call, stored as an event, or null when the phase is unchanged. Compares
     * with the last stored phase, so a restart does not repeat an event.
     */
    public synchronized PhaseChange nextPhaseChange() {
        Instant now = clock.instant();
        Phase current = phaseAt(now);
        Instant previousObservation = lastObservation;
        lastObservation = now;
        if (current == observed) return null;
        // Date the change at the phase boundary when it fell since the last look: at a fast clock one
        // scheduler tick can span many monitor minutes.
        Instant boundary = releaseTime.plus(plan.startOf(current));
        Instant at = previousObservation != null && boundary.isAfter(previousObservation) && !boundary.isAfter(now) ? boundary : now;
        PhaseChange change = new PhaseChange(at, observed, current, releaseTime);
        store.recordPhaseChange(change);
        observed = current;
        return change;
    }
}
