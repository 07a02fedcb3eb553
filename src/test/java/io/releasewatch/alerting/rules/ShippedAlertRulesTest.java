package io.releasewatch.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasewatch.clock.Phase;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The operators' config/alert-rules.yaml: it parses, and it holds the guide's thresholds. */
class ShippedAlertRulesTest {
    private static final Path FILE = Path.of("config", "alert-rules.yaml");

    /** One line per rule: severity, metric, condition, for. */
    private static String describe(Rule r) {
        String condition = r.isStatusRule()
                ? "status " + r.statuses().stream().map(Status::label).sorted().collect(Collectors.joining(","))
                : (r.aggregate() == Aggregate.LATEST ? "" : r.aggregate().label() + "(" + Templates.duration(r.window()) + ") ")
                        + r.comparison().label() + " " + Templates.number(r.threshold());
        return r.severity() + " " + r.type() + "/" + r.namePattern() + " " + condition + " for " + Templates.duration(r.forDuration());
    }

    @Test
    void parsesAndHoldsEveryThresholdOfTheGuide() throws Exception {
        RuleSet set = RuleParser.load(FILE);
        Map<String, String> actual = new LinkedHashMap<>();
        set.rules().forEach(r -> actual.put(r.name(), describe(r)));

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("application-down", "P0 health/application status critical for 0s");
        expected.put("database-connection-issues", "P0 health/database status critical for 0s");
        expected.put("api-down", "P0 health/api status critical for 0s");
        expected.put("high-error-rate", "P1 golden_signals/error_rate_pct above 5 for 10m");
        expected.put("baseline-p95-high", "P1 baseline/*_window_p95_ms above 2000 for 0s");
        expected.put("high-latency", "P1 golden_signals/latency_homepage_ms p95(10m) above 2000 for 10m");
        expected.put("homepage-slow", "P1 golden_signals/latency_homepage_ms above 2000 for 0s");
        expected.put("api-slow", "P1 golden_signals/latency_api_ms above 1000 for 0s");
        expected.put("cpu-saturation-high", "P2 golden_signals/cpu_pct above 80 for 10m");
        expected.put("memory-saturation-high", "P2 golden_signals/memory_pct above 80 for 10m");
        expected.put("disk-saturation-high", "P2 golden_signals/disk_pct above 80 for 10m");
        expected.put("cpu-saturation-critical", "P1 golden_signals/cpu_pct above 95 for 5m");
        expected.put("memory-saturation-critical", "P1 golden_signals/memory_pct above 95 for 5m");
        expected.put("disk-saturation-critical", "P1 golden_signals/disk_pct above 95 for 5m");
        expected.put("payment-failures", "P0 journey/payment_health failure_rate(15m) above 10 for 5m");
        expected.put("payment-failure-rate-critical", "P0 business/payment_failure_pct_24h above 10 for 5m");
        expected.put("high-payment-failures", "P1 business/high_payment_failures status critical for 0s");
        expected.put("journey-failures", "P1 journey/* status critical for 0s");
        expected.put("mobile-api-slow", "P2 health/mobile above 1000 for 0s");
        expected.put("push-notifications-unhealthy", "P2 health/notifications status critical,warning for 0s");
        expected.put("provider-degradation", "P2 health/providers status critical,warning for 0s");
        expected.put("zero-registrations", "P2 business/zero_registrations status critical for 0s");
        expected.put("no-deliveries", "P2 business/no_deliveries status critical for 0s");
        expected.put("zero-revenue", "P1 business/zero_revenue status critical for 0s");
        expected.put("business-database-unreachable", "P0 business/query_failures status critical for 0s");
        expected.put("postgres-unreachable", "P0 postgres/database_reachable status critical for 0s");
        expected.put("db-connections-high", "P1 postgres/connections_used_pct above 80 for 5m");
        expected.put("db-long-running-query", "P2 postgres/longest_query_seconds above 300 for 0s");
        expected.put("db-sequential-scans", "P3 postgres/seq_scan_heavy_tables above 0 for 0s");
        assertThat(actual).containsExactlyEntriesOf(expected);
        assertThat(set.rules()).allSatisfy(r -> {
            assertThat(r.file()).isEqualTo(FILE.toString());
            assertThat(r.summaryTemplate()).as(r.name()).isNotBlank();
        });
    }

    @Test
    void shippedRulesRenderReadableAlerts() throws Exception {
        RuleSet set = RuleParser.load(FILE);
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        InMemoryMetricHistory history = new InMemoryMetricHistory(Duration.ofHours(2));
        history.add(List.of(
                new MetricRecord(now, Phase.CRITICAL, "health", "application", null, Status.CRITICAL, "connection refused"),
                new MetricRecord(now, Phase.CRITICAL, "health", "api", 120.0, Status.OK, "HTTP 200"),
                new MetricRecord(now, Phase.CRITICAL, "health", "run", 1.0, Status.CRITICAL, "1 of 2 endpoints failing"),
                new MetricRecord(now, Phase.CRITICAL, "golden_signals", "error_rate_pct", 7.256, Status.WARNING,
                        "29 of 400 requests failed"),
                new MetricRecord(now.minusSeconds(600), Phase.CRITICAL, "journey", "payment_health", 80.0, Status.OK, "HTTP 200"),
                new MetricRecord(now, Phase.CRITICAL, "journey", "payment_health", 95.0, Status.CRITICAL, "HTTP 503")));
        Map<String, RuleResult> results = new RuleEvaluator().evaluate(set, history, now).stream()
                .collect(Collectors.toMap(r -> r.rule().name() + " " + r.series(), r -> r));

        assertThat(results.get("application-down health/application").active()).isTrue();
        assertThat(results.get("application-down health/application").summary())
                .isEqualTo("Application down: health check failed (connection refused)");
        assertThat(results.get("api-down health/api").active()).isFalse();
        assertThat(results.get("high-error-rate golden_signals/error_rate_pct").summary())
                .isEqualTo("High error rate: 7.26 % of requests failing (limit 5 %)");
        RuleResult payment = results.get("payment-failures journey/payment_health");
        assertThat(payment.active()).isTrue();
        assertThat(payment.observed()).isEqualTo(50.0);
        assertThat(payment.summary()).isEqualTo("Payment failures: 50 % of payment checks failed in 15m (limit 10 %)");
        assertThat(results.get("journey-failures journey/payment_health").summary())
                .isEqualTo("User journey failed: payment_health (HTTP 503)");
        assertThat(results).doesNotContainKey("journey-failures health/run");
        assertThat(results.keySet()).noneMatch(k -> k.endsWith("/run"));
    }
}
