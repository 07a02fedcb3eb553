package io.releasewatch.alerting;

import io.releasewatch.checks.CheckRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a persisting problem from notifying on every run: an alert passes when its key starts firing for
 * its check type, and again only after the reminder interval while it keeps firing. A run without an alert
 * clears its type, so the next failure notifies at once.
 */
public final class AlertGate {
    private final Clock clock;
    private final Duration reminder;
    private final Map<String, Firing> firing = new ConcurrentHashMap<>();

    public AlertGate(Clock clock, Duration reminder) {
        this.clock = clock;
        this.reminder = reminder;
    }

    /** The alert to send for this run, or null when there is none or it was already sent recently. */
    public Alert admit(CheckRun run) {
        if (!run.hasAlert()) {
            firing.remove(run.type());
            return null;
        }
        Alert alert = run.alert();
        Instant now = clock.instant();
        Firing before = firing.get(run.type());
        if (before != null && before.key.equals(alert.key()) && now.isBefore(before.notifiedAt.plus(reminder))) {
            return null;
        }
        firing.put(run.type(), new Firing(alert.key(), now));
        return alert;
    }

    private record Firing(String key, Instant notifiedAt) {
    }
}
