package io.releasewatch.checks.health;

import io.releasewatch.checks.CheckRun;
import io.releasewatch.checks.HttpProbe;
import io.releasewatch.checks.ProbeResult;
import io.releasewatch.clock.Phase;
import io.releasewatch.clock.ReleaseClock;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Guide 1.1: probes every configured health endpoint at once and classifies the run. */
public final class HealthCheck {
    public static final String TYPE = "health";

    private final HttpProbe probe;
    private final ReleaseClock release;
    private final List<HealthEndpoint> endpoints;

    public HealthCheck(HttpProbe probe, ReleaseClock release, List<HealthEndpoint> endpoints) {
        this.probe = probe;
        this.release = release;
        this.endpoints = List.copyOf(endpoints);
    }

    public List<HealthEndpoint> endpoints() {
        return endpoints;
    }

    public CheckRun run() {
        Instant time = release.now();
        Phase phase = release.phaseAt(time);
        List<CompletableFuture<ProbeResult>> pending = endpoints.stream().map(e -> probe.get(e.url())).toList();

        List<MetricRecord> records = new ArrayList<>();
        Status overall = Status.OK;
        int failing = 0;
        for (int i = 0; i < endpoints.size(); i++) {
            HealthEndpoint e = endpoints.get(i);
            ProbeResult r = pending.get(i).join();
            Status s = r.statusCode() == 200 ? Status.OK
                    : e.criticality() == HealthEndpoint.Criticality.CRITICAL ? Status.CRITICAL : Status.WARNING;
            if (s != Status.OK) failing++;
            overall = overall.worst(s);
            records.add(new MetricRecord(time, phase, TYPE, e.name(), r.answered() ? r.elapsedMillis() : null, s, r.outcome()));
        }
        records.add(new MetricRecord(time, phase, TYPE, "run", (double) failing, overall,
                failing + " of " + endpoints.size() + " endpoints failing"));

        return new CheckRun(TYPE, overall, records);
    }
}
