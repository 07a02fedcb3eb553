package io.releasewatch.clock;

import java.time.Duration;

/** Where each phase starts, measured from the release. Defaults follow the guide: 2 h, 24 h, 72 h. */
public record PhasePlan(Duration intensiveAfter, Duration extendedAfter, Duration steadyAfter) {
    public PhasePlan {
        if (intensiveAfter.isNegative() || intensiveAfter.isZero()
                || extendedAfter.compareTo(intensiveAfter) <= 0 || steadyAfter.compareTo(extendedAfter) <= 0) {
            throw new IllegalArgumentException("phase boundaries must increase: intensive " + intensiveAfter
                    + " < extended " + extendedAfter + " < steady " + steadyAfter);
        }
    }

    public static PhasePlan guideDefaults() {
        return new PhasePlan(Duration.ofHours(2), Duration.ofHours(24), Duration.ofHours(72));
    }

    /** How long after the release a phase begins. */
    public Duration startOf(Phase phase) {
        return switch (phase) {
            case CRITICAL -> Duration.ZERO;
            case INTENSIVE -> intensiveAfter;
            case EXTENDED -> extendedAfter;
            case STEADY -> steadyAfter;
        };
    }

    /** Time before the release counts as phase 1: the monitor watches most closely when in doubt. */
    public Phase phaseAfter(Duration sinceRelease) {
        if (sinceRelease.compareTo(intensiveAfter) < 0) return Phase.CRITICAL;
        if (sinceRelease.compareTo(extendedAfter) < 0) return Phase.INTENSIVE;
        if (sinceRelease.compareTo(steadyAfter) < 0) return Phase.EXTENDED;
        return Phase.STEADY;
    }
}
