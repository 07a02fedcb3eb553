package io.releasewatch.alerting;

import io.releasewatch.clock.Phase;
import java.time.Instant;
import java.util.List;

/**
 * A notification-worthy finding, the one shape every channel receives.
 *
 * @param id       unique per notification
 * @param key      what the alert is about, stable across runs (e.g. "health/critical"); repeats are judged by it
 * @param severity P0..P3
 * @param source   the check type that raised it
 * @param lines    one line per affected item (endpoint, signal, journey step)
 */
public record Alert(String id, String key, Instant time, Phase phase, String severity, String source, String title,
                    String summary, List<Line> lines) {
    public Alert {
        lines = List.copyOf(lines);
    }

    /** One affected item: its name, its status and what was observed (HTTP code, error, value). */
    public record Line(String name, String status, String detail) {
    }
}
