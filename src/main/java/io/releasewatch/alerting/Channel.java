package io.releasewatch.alerting;

import java.time.Duration;

/**
 * An alert channel: a Camel endpoint URI notifications are sent to, whether it hears about resolutions,
 * and the smallest gap between two sends (Slack allows about one message per second per webhook).
 */
public record Channel(String name, String uri, boolean notifyResolved, Duration minInterval) {
    @Override
    public String toString() {
        // A channel URI may carry a token; only the name is shown.
        return "Channel[" + name + "]";
    }
}
