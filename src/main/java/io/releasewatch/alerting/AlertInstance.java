package io.releasewatch.alerting;

import java.time.Instant;
import java.util.Map;

/**
 * The lifecycle of one rule on one series: PENDING (condition true, "for" not yet elapsed) → FIRING →
 * RESOLVED. Immutable: every change is a new value the engine stores.
 */
public record AlertInstance(String id, String rule, String series, String severity, State state, Instant pendingSince,
                            Instant firedAt, Instant resolvedAt, Instant lastNotifiedAt, Instant ackedAt, String ackedBy,
                            int escalationLevel, boolean silenced, String summary, String description, Double observed,
                            Map<String, String> labels) {
    public enum State { PENDING, FIRING, RESOLVED }

    public AlertInstance {
        labels = Map.copyOf(labels);
    }

    public String key() {
        return rule + "|" + series;
    }

    public boolean acknowledged() {
        return ackedAt != null;
    }

    public AlertInstance with(State s, Instant fired, Instant resolved) {
        return new AlertInstance(id, rule, series, severity, s, pendingSince, fired, resolved, lastNotifiedAt, ackedAt, ackedBy,
                escalationLevel, silenced, summary, description, observed, labels);
    }

    public AlertInstance observed(String newSummary, String newDescription, Double value, boolean nowSilenced) {
        return new AlertInstance(id, rule, series, severity, state, pendingSince, firedAt, resolvedAt, lastNotifiedAt, ackedAt,
                ackedBy, escalationLevel, nowSilenced, newSummary, newDescription, value, labels);
    }

    public AlertInstance notifiedAt(Instant t) {
        return new AlertInstance(id, rule, series, severity, state, pendingSince, firedAt, resolvedAt, t, ackedAt, ackedBy,
                escalationLevel, silenced, summary, description, observed, labels);
    }

    public AlertInstance escalatedTo(int level) {
        return new AlertInstance(id, rule, series, severity, state, pendingSince, firedAt, resolvedAt, lastNotifiedAt, ackedAt,
                ackedBy, level, silenced, summary, description, observed, labels);
    }

    public AlertInstance acknowledgedBy(String by, Instant at) {
        return new AlertInstance(id, rule, series, severity, state, pendingSince, firedAt, resolvedAt, lastNotifiedAt, at, by,
                escalationLevel, silenced, summary, description, observed, labels);
    }
}
