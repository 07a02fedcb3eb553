package io.releasewatch.bench;

import static org.awaitility.Awaitility.await;

import io.releasewatch.alerting.AlertEngine;
import io.releasewatch.checks.CheckRun;
import io.releasewatch.clock.Phase;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import io.releasewatch.support.MonitorFixture;
import io.releasewatch.support.SlackReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints how fast alerts travel. Run on purpose (it is excluded from the normal build):
 * {@code mvn test -Dgroups=benchmark -DexcludedGroups=none -Dtest=AlertLatencyBenchmark}
 * Figures vary with the machine; they are printed, not asserted.
 */
@Tag("benchmark")
class AlertLatencyBenchmark {
    @TempDir
    Path tmp;

    /** Evaluation that fires an alert → the channel's HTTP receiver has the notification. */
    @Test
    void evaluationToChannel() throws Exception {
        try (MonitorFixture f = new MonitorFixture(); SlackReceiver webhook = new SlackReceiver()) {
            f.rules(tmp, "rules:\n  - name: bench-down\n    severity: P0\n    metric: health/bench\n    status: [critical]\n");
            f.start(tmp, Map.of("monitor.alert.channels", "slack,file,dashboard,webhook",
                    "monitor.alert.channel.slack.min-interval", "off",
                    "monitor.alert.channel.webhook.uri", webhook.url(),
                    "monitor.alert.p0.channels", "slack,webhook"));
            AlertEngine engine = f.monitor.watch.camelContext().getRegistry().lookupByNameAndType("alertEngine", AlertEngine.class);
            List<Double> slackMs = new ArrayList<>();
            List<Double> webhookMs = new ArrayList<>();
            int rounds = 40;
            for (int i = 0; i < rounds; i++) {
                int before = webhook.received().size();
                int slackBefore = f.slack.received().size();
                long t0 = System.nanoTime();
                engine.onRun(run(Status.CRITICAL));
                await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received().size() > before && f.slack.received().size() > slackBefore);
                webhookMs.add((webhook.receivedAtNanos().get(before) - t0) / 1e6);
                slackMs.add((f.slack.receivedAtNanos().get(slackBefore) - t0) / 1e6);
                int resolvedBefore = webhook.received().size();
                engine.onRun(run(Status.OK));
                await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received().size() > resolvedBefore);
            }
            print("evaluation -> webhook channel", webhookMs);
            print("evaluation -> Slack channel  ", slackMs);
        }
    }

    /** Guide 1.1 at a 1 s check interval: a fault appears on the platform → the Slack message arrives. */
    @Test
    void platformFailureToSlack() throws Exception {
        try (MonitorFixture f = new MonitorFixture()) {
            f.start(tmp, Map.of("monitor.cadence.health.phase1", "1s"));
            List<Double> ms = new ArrayList<>();
            java.util.Random random = new java.util.Random(7);
            for (int i = 0; i < 20; i++) {
                Thread.sleep(1200 + random.nextInt(1000));
                int before = f.slack.received().size();
                long t0 = System.nanoTime();
                f.platform.setFault("app-down", true);
                await().atMost(Duration.ofSeconds(10)).until(() -> f.slack.received().size() > before);
                ms.add((f.slack.receivedAtNanos().get(before) - t0) / 1e6);
                f.platform.setFault("app-down", false);
                await().atMost(Duration.ofSeconds(10)).until(() -> f.slack.received().size() > before + 1);
            }
            print("platform failure -> Slack (1 s interval)", ms);
        }
    }

    private static CheckRun run(Status s) {
        Instant t = Instant.now();
        return new CheckRun("health", s, List.of(new MetricRecord(t, Phase.CRITICAL, "health", "bench", 5.0, s, "HTTP " + (s == Status.OK ? 200 : 503))));
    }

    private static void print(String what, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2);
        double p90 = sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1);
        System.out.printf(Locale.ROOT, "BENCHMARK %s: n=%d median=%.1f ms p90=%.1f ms min=%.1f ms max=%.1f ms%n",
                what, sorted.size(), median, p90, sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
