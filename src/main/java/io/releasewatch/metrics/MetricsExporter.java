package io.releasewatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.releasewatch.checks.CheckRun;
import io.releasewatch.clock.ReleaseClock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exposes check results as Prometheus metrics on the management port: the latest value and status of each
 * signal as gauges, runs per type and status as counters, and the release phase.
 */
public final class MetricsExporter {
    private final MeterRegistry registry;
    private final Map<String, Latest> latest = new ConcurrentHashMap<>();

    public MetricsExporter(MeterRegistry registry, ReleaseClock release) {
        this.registry = registry;
        Gauge.builder("releasewatch.phase", release, r -> r.currentPhase().number())
                .description("Current release phase (1 critical, 2 intensive, 3 extended, 4 steady)").register(registry);
        Gauge.builder("releasewatch.release.age.seconds", release, r -> r.sinceRelease().toSeconds())
                .description("Monitor-clock seconds since the release").register(registry);
    }

    public void export(CheckRun run) {
        for (MetricRecord r : run.records()) {
            latest.computeIfAbsent(r.type() + "\u0000" + r.name(), k -> register(r.type(), r.name())).set(r);
        }
        Counter.builder("releasewatch.check.runs").description("Check runs by type and overall status")
                .tag("type", run.type()).tag("status", run.status().label()).register(registry).increment();
    }

    private Latest register(String type, String name) {
        Latest l = new Latest();
        Gauge.builder("releasewatch.check.value", l, x -> x.value).description("Latest measured value of a check (NaN when unavailable)")
                .tag("type", type).tag("name", name).register(registry);
        Gauge.builder("releasewatch.check.status", l, x -> x.status).description("Latest status: 0 ok, 1 warning, 2 critical, -1 unavailable")
                .tag("type", type).tag("name", name).register(registry);
        return l;
    }

    private static final class Latest {
        volatile double value = Double.NaN;
        volatile double status = -1;

        void set(MetricRecord r) {
            value = r.value() == null ? Double.NaN : r.value();
            status = switch (r.status()) {
                case OK -> 0;
                case WARNING -> 1;
                case CRITICAL -> 2;
                case UNAVAILABLE -> -1;
            };
        }
    }
}
