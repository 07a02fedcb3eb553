package io.releasewatch.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The monitor's clock: real time sped up N times from the moment monitoring starts, so an operator can
 * rehearse the 72-hour plan in minutes. Every schedule, phase and window reads time from this one clock.
 *
 * <p>A sped-up clock stands still until {@link #start()}: at 100000x, the second Camel takes to start would
 * otherwise skip the first 28 hours of the plan.
 */
public final class ScaledClock extends Clock {
    private final Clock base;
    private final double speed;
    private final Instant monitorAnchor;
    private volatile Instant realAnchor;

    public ScaledClock(Clock base, double speed) {
        this(base, speed, base.instant());
    }

    /**
     * @param startAt where the monitor time begins: a sped-up rehearsal that is restarted resumes from the last
     *                time it recorded, so its phases and records never go back in time
     */
    public ScaledClock(Clock base, double speed, Instant startAt) {
        if (!(speed > 0)) throw new IllegalArgumentException("speed must be > 0");
        this.base = base;
        this.speed = speed;
        this.monitorAnchor = startAt;
    }

    /** Lets the monitor time run from now on. */
    public void start() {
        if (realAnchor == null) realAnchor = base.instant();
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
        Instant realAnchor = this.realAnchor;
        if (realAnchor == null) return monitorAnchor;
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
