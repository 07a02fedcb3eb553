package io.releasewatch.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The monitor's clock: real time sped up N times from the moment the monitor starts, so an operator can
 * rehearse the 72-hour plan in minutes. Every schedule, phase and window reads time from this one clock.
 */
public final class ScaledClock extends Clock {
    private final Clock base;
    private final double speed;
    private final Instant realAnchor;
    private final Instant monitorAnchor;

    public ScaledClock(Clock base, double speed) {
        this(base, speed, base.instant(), base.instant());
    }

    private ScaledClock(Clock base, double speed, Instant realAnchor, Instant monitorAnchor) {
        if (!(speed > 0)) throw new IllegalArgumentException("speed must be > 0");
        this.base = base;
        this.speed = speed;
        this.realAnchor = realAnchor;
        this.monitorAnchor = monitorAnchor;
    }

    /** Real time, for rates of real systems: counters on the platform grow in real seconds, whatever our speed. */
    public Clock base() {
        return base;
    }

    public double speed() {
        return speed;
    }

    /** Real time that passes while this clock advances by {@code monitorTime}. */
    public Duration toReal(Duration monitorTime) {
        return Duration.ofNanos((long) (monitorTime.toNanos() / speed));
    }

    @Override
    public Instant instant() {
        if (speed == 1.0) return base.instant();
        long realNanos = Duration.between(realAnchor, base.instant()).toNanos();
        return monitorAnchor.plusNanos((long) (realNanos * speed));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
