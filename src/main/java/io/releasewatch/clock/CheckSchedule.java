package io.releasewatch.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, on each scheduler tick, whether a check is due: its cadence for the current phase (from the
 * cadence table) has elapsed on the monitor clock since its last run. Check routes tick on a short real-time
 * timer and ask this bean, so cadences follow the phase and the clock speed without restarting routes.
 */
public final class CheckSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(CheckSchedule.class);

    private final ReleaseClock release;
    private final CadenceTable cadences;
    private final Map<String, Instant> nextRun = new ConcurrentHashMap<>();
    private final Set<String> unknownReported = ConcurrentHashMap.newKeySet();

    public CheckSchedule(ReleaseClock release, CadenceTable cadences) {
        this.release = release;
        this.cadences = cadences;
    }

    /** True at most once per cadence period; claims the run, so concurrent callers do not both run it. */
    public boolean due(String check) {
        if (!cadences.knows(check)) {
            if (unknownReported.add(check)) {
                LOG.error("Check '{}' has no cadence: add monitor.cadence.{}.phase1..phase4 to application.properties", check, check);
            }
            return false;
        }
        Instant now = release.now();
        Optional<Duration> every = cadences.cadence(check, release.phaseAt(now));
        if (every.isEmpty()) {
            nextRun.remove(check);
            return false;
        }
        boolean[] due = {false};
        nextRun.compute(check, (k, next) -> {
            if (next != null && now.isBefore(next)) return next;
            due[0] = true;
            // Keep a steady rhythm, but after a pause (phase off, slow machine) restart from now instead of
            // firing a burst of missed runs.
            Instant planned = next == null ? now.plus(every.get()) : next.plus(every.get());
            return planned.isAfter(now) ? planned : now.plus(every.get());
        });
        return due[0];
    }

    /** Forget run times, so every check is due on its next tick (used when a new release is declared). */
    public void reset() {
        nextRun.clear();
    }

    public Optional<Duration> cadence(String check) {
        return cadences.cadence(check, release.currentPhase());
    }
}
