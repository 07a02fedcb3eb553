package io.releasewatch.support;

import io.releasewatch.demo.DemoPlatform;
import io.releasewatch.metrics.MetricRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The usual test set-up: the demo platform as the monitored target, a local Slack receiver, and the real
 * monitor with only the checks a test names switched on (the others "off").
 */
public final class MonitorFixture implements AutoCloseable {
    public final DemoPlatform platform;
    public final SlackReceiver slack;
    public TestMonitor monitor;

    public MonitorFixture() throws Exception {
        platform = new DemoPlatform("watcher@demo.local", "s3cret-Passw0rd").start(0);
        slack = new SlackReceiver();
    }

    /** Writes the operator's alert rules file the monitor in {@code dir} will load. */
    public void rules(Path dir, String yaml) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir.resolve("config"));
        java.nio.file.Files.writeString(dir.resolve("config").resolve("alert-rules.yaml"), yaml);
    }

    /** Starts the monitor with every scheduled check off except those given cadences in {@code props}. */
    public TestMonitor start(Path dir, Map<String, String> props) throws Exception {
        Map<String, String> p = new HashMap<>();
        p.put("monitor.target.base-url", platform.baseUrl());
        p.put("monitor.slack.webhook-url", slack.url());
        p.put("monitor.journey.email", "watcher@demo.local");
        p.put("monitor.journey.password", "s3cret-Passw0rd");
        for (String check : List.of("health", "golden-signals", "journeys")) {
            for (int phase = 1; phase <= 4; phase++) p.put("monitor.cadence." + check + ".phase" + phase, "off");
        }
        p.putAll(props);
        monitor = TestMonitor.start(dir, p);
        return monitor;
    }

    public List<MetricRecord> records(String type, String name) {
        return monitor.store().recent(Instant.EPOCH, 100_000).stream()
                .filter(r -> r.type().equals(type) && r.name().equals(name)).toList();
    }

    public MetricRecord latest(String type, String name) {
        return monitor.store().latest().stream().filter(r -> r.type().equals(type) && r.name().equals(name))
                .findFirst().orElse(null);
    }

    @Override
    public void close() {
        if (monitor != null) monitor.close();
        platform.stop();
        slack.close();
    }
}
