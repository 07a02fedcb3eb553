package io.releasewatch.alerting;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Guide 5.1 as configuration: per severity, how fast someone must respond, when an unacknowledged alert
 * escalates, and which channels hear about it first and on escalation.
 */
public record SeverityPolicy(Map<String, Level> levels, int maxEscalations) {
    public record Level(String severity, Duration responseTime, Duration escalationTime, List<String> channels,
                        List<String> escalationChannels) {
    }

    public Level level(String severity) {
        Level l = levels.get(severity);
        if (l == null) throw new IllegalArgumentException("no severity policy for " + severity);
        return l;
    }
}
