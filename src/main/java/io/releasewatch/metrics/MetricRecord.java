package io.releasewatch.metrics;

import io.releasewatch.clock.Phase;
import java.time.Instant;
import java.util.Objects;

/**
 * One check result: the unit that flows through the metric pipeline into the store, the JSONL logs
 * and the Prometheus endpoint.
 *
 * @param time    monitor-clock time of the measurement
 * @param phase   release phase at that time
 * @param type    check type, e.g. "health", "golden_signals", "journey"
 * @param name    what was measured within the type, e.g. "api", "homepage_latency_ms"
 * @param value   the measurement, or null when the signal is unavailable (never a made-up 0)
 * @param status  outcome
 * @param details free text for people (HTTP code, error message); untrusted, escape when rendering
 */
public record MetricRecord(Instant time, Phase phase, String type, String name, Double value, Status status,
                           String details) {
    public MetricRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        details = details == null ? "" : details;
    }
}
