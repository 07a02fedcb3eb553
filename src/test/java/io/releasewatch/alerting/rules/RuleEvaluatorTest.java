package io.releasewatch.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.releasewatch.clock.Phase;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private final InMemoryMetricHistory history = new InMemoryMetricHistory(Duration.ofHours(6));
    private final RuleEvaluator evaluator = new RuleEvaluator();

    private static MetricRecord rec(String type, String name, long secondsAgo, Double value, Status status, String details) {
        return new MetricRecord(NOW.minusSeconds(secondsAgo), Phase.CRITICAL, type, name, value, status, details);
    }

    private static MetricRecord rec(String type, String name, long secondsAgo, Double value) {
        return rec(type, name, secondsAgo, value, Status.OK, "");
    }

    private static RuleSet rules(String yaml) {
        try {
            return RuleParser.parse("rules:\n" + yaml.indent(2), "test.yaml");
        } catch (RuleFileException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private List<RuleResult> eval(String yaml) {
        return evaluator.evaluate(rules(yaml), history, NOW);
    }

    private RuleResult single(String yaml) {
        List<RuleResult> results = eval(yaml);
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void latestAboveFiresOnlyStrictlyAbove() {
        String rule = "- {name: api-slow, severity: P1, metric: golden_signals/latency_api_ms, above: 1000}";
        history.add(List.of(rec("golden_signals", "latency_api_ms", 60, 5000.0),
                rec("golden_signals", "latency_api_ms", 0, 1000.0)));
        RuleResult equal = single(rule);
        assertThat(equal.active()).isFalse();
        assertThat(equal.observed()).isEqualTo(1000.0);

        history.add(List.of(rec("golden_signals", "latency_api_ms", 0, 1000.01)));
        RuleResult above = single(rule);
        assertThat(above.active()).isTrue();
        assertThat(above.observed()).isEqualTo(1000.01);
        assertThat(above.series()).isEqualTo("golden_signals/latency_api_ms");
    }

    @Test
    void latestBelowFiresOnlyStrictlyBelow() {
        String rule = "- {name: zero-registrations, severity: P2, metric: business/registrations_last_hour, below: 1}";
        history.add(List.of(rec("business", "registrations_last_hour", 0, 1.0)));
        assertThat(single(rule).active()).isFalse();
        history.add(List.of(rec("business", "registrations_last_hour", 0, 0.0)));
        RuleResult r = single(rule);
        assertThat(r.active()).isTrue();
        assertThat(r.observed()).isEqualTo(0.0);
    }

    @Test
    void latestUsesTheNewestRecordEvenWhenItArrivedFirst() {
        history.add(List.of(rec("health", "api", 0, 1500.0)));
        history.add(List.of(rec("health", "api", 300, 100.0)));
        RuleResult r = single("- {name: api-slow, severity: P1, metric: health/api, above: 1000}");
        assertThat(r.observed()).isEqualTo(1500.0);
        assertThat(r.active()).isTrue();
    }

    @Test
    void statusRuleUsesTheLatestStatus() {
        String rule = "- {name: providers, severity: P2, metric: health/providers, status: [critical, warning]}";
        history.add(List.of(rec("health", "providers", 300, 80.0, Status.CRITICAL, "HTTP 500"),
                rec("health", "providers", 0, 90.0, Status.OK, "HTTP 200")));
        RuleResult ok = single(rule);
        assertThat(ok.active()).isFalse();
        assertThat(ok.observed()).isEqualTo(90.0);

        history.add(List.of(rec("health", "providers", -1, 120.0, Status.WARNING, "HTTP 503")));
        RuleResult warning = single(rule);
        assertThat(warning.active()).isTrue();
        assertThat(warning.summary()).isEqualTo("providers: health/providers is warning");

        history.add(List.of(rec("health", "providers", -2, null, Status.UNAVAILABLE, "not configured")));
        RuleResult unavailable = single(rule);
        assertThat(unavailable.active()).isFalse();
        assertThat(unavailable.observed()).isNull();
    }

    @Test
    void statusRuleFiresWithoutAValue() {
        history.add(List.of(rec("health", "application", 0, null, Status.CRITICAL, "connection refused")));
        RuleResult r = single("- {name: app-down, severity: P0, metric: health/application, status: [critical]}");
        assertThat(r.active()).isTrue();
        assertThat(r.observed()).isNull();
    }

    @Test
    void globMatchesEveryEndpointButNotRun() {
        history.add(List.of(
                rec("health", "providers", 0, 50.0, Status.WARNING, "HTTP 502"),
                rec("health", "application", 0, null, Status.CRITICAL, "refused"),
                rec("health", "api", 0, 30.0, Status.OK, "HTTP 200"),
                rec("health", "database", 0, 20.0, Status.CRITICAL, "HTTP 500"),
                rec("health", "run", 0, 2.0, Status.CRITICAL, "2 of 4 failing"),
                rec("journey", "homepage", 0, 20.0, Status.CRITICAL, "HTTP 500")));
        List<RuleResult> results = eval("- {name: any-health, severity: P1, metric: health/*, status: [critical]}");
        assertThat(results).extracting(RuleResult::name).containsExactly("api", "application", "database", "providers");
        assertThat(results).extracting(RuleResult::active).containsExactly(false, true, true, false);

        assertThat(eval("- {name: run, severity: P1, metric: health/run, status: [critical]}"))
                .extracting(RuleResult::series, RuleResult::active)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("health/run", true));
        assertThat(eval("- {name: a-star, severity: P1, metric: health/a*, status: [critical]}"))
                .extracting(RuleResult::name).containsExactly("api", "application");
        assertThat(eval("- {name: star-s, severity: P1, metric: health/*s, status: [critical]}"))
                .extracting(RuleResult::name).containsExactly("providers");
        assertThat(eval("- {name: r-star, severity: P1, metric: health/r*, status: [critical]}")).isEmpty();
    }

    @Test
    void exactNameMatchesNothingWhenTheSeriesIsAbsent() {
        history.add(List.of(rec("health", "api", 0, 30.0)));
        assertThat(eval("- {name: mobile, severity: P2, metric: health/mobile, above: 1000}")).isEmpty();
        assertThat(eval("- {name: pg, severity: P2, metric: postgres/*, above: 1}")).isEmpty();
    }

    @Test
    void aggregatesOverTwentyValuesAreExact() {
        // values 1..20 at one per 30 s, inserted in random order, plus records that must not count
        List<MetricRecord> records = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            records.add(rec("golden_signals", "latency_homepage_ms", 30L * (i - 1), (double) i));
        }
        records.add(rec("golden_signals", "latency_homepage_ms", 45, null, Status.CRITICAL, "timeout"));
        records.add(rec("golden_signals", "latency_homepage_ms", 601, 99999.0)); // just outside the 10 min window
        Collections.shuffle(records, new Random(7));
        history.add(records);

        assertThat(observed("avg")).isCloseTo(10.5, within(1e-9));
        assertThat(observed("min")).isEqualTo(1.0);
        assertThat(observed("max")).isEqualTo(20.0);
        assertThat(observed("p50")).isEqualTo(10.0); // nearest rank ceil(0.50 * 20) = 10
        assertThat(observed("p95")).isEqualTo(19.0); // ceil(0.95 * 20) = 19
        assertThat(observed("p99")).isEqualTo(20.0); // ceil(0.99 * 20) = 20
        assertThat(observed("count")).isEqualTo(21.0); // every record in the window, also the one without value
    }

    @Test
    void percentilesOverAHundredValuesAndOverOne() {
        List<MetricRecord> records = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            records.add(rec("golden_signals", "latency_homepage_ms", i, (double) i * 10));
        }
        history.add(records);
        assertThat(observed("p50")).isEqualTo(500.0);
        assertThat(observed("p95")).isEqualTo(950.0);
        assertThat(observed("p99")).isEqualTo(990.0);
        assertThat(observed("avg")).isCloseTo(505.0, within(1e-9));

        InMemoryMetricHistory one = new InMemoryMetricHistory(Duration.ofHours(1));
        one.add(List.of(rec("golden_signals", "latency_homepage_ms", 5, 1234.5)));
        for (String p : List.of("p50", "p95", "p99", "avg", "min", "max")) {
            RuleResult r = evaluator.evaluate(rules(latencyRule(p, 2000)), one, NOW).get(0);
            assertThat(r.observed()).as(p).isEqualTo(1234.5);
        }

        InMemoryMetricHistory three = new InMemoryMetricHistory(Duration.ofHours(1));
        three.add(List.of(rec("golden_signals", "latency_homepage_ms", 5, 5.0),
                rec("golden_signals", "latency_homepage_ms", 4, 1.0),
                rec("golden_signals", "latency_homepage_ms", 3, 3.0)));
        assertThat(evaluator.evaluate(rules(latencyRule("p50", 2000)), three, NOW).get(0).observed()).isEqualTo(3.0);
        assertThat(evaluator.evaluate(rules(latencyRule("p95", 2000)), three, NOW).get(0).observed()).isEqualTo(5.0);
    }

    @Test
    void p95AboveTheThresholdFires() {
        List<MetricRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(rec("golden_signals", "latency_homepage_ms", 60L * i, i == 3 ? 2500.0 : 300.0));
        }
        history.add(records);
        RuleResult r = single(latencyRule("p95", 2000));
        assertThat(r.observed()).isEqualTo(2500.0); // 10 samples: rank ceil(9.5) = 10, the slowest
        assertThat(r.active()).isTrue();
        RuleResult p50 = single(latencyRule("p50", 2000));
        assertThat(p50.observed()).isEqualTo(300.0);
        assertThat(p50.active()).isFalse();
    }

    private static String latencyRule(String aggregate, double threshold) {
        return "- {name: latency, severity: P1, metric: golden_signals/latency_homepage_ms, aggregate: " + aggregate
                + ", window: 10m, above: " + threshold + "}";
    }

    private Double observed(String aggregate) {
        return single(latencyRule(aggregate, 1e9)).observed();
    }

    @Test
    void failureRateCountsWarningAndCriticalAmongKnownStatuses() {
        history.add(List.of(
                rec("journey", "payment_health", 840, 90.0, Status.OK, "HTTP 200"),
                rec("journey", "payment_health", 600, 95.0, Status.CRITICAL, "HTTP 503"),
                rec("journey", "payment_health", 400, null, Status.UNAVAILABLE, "not configured"),
                rec("journey", "payment_health", 300, 92.0, Status.WARNING, "slow"),
                rec("journey", "payment_health", 0, 88.0, Status.OK, "HTTP 200"),
                rec("journey", "payment_health", 901, 90.0, Status.CRITICAL, "outside the window")));
        String rule = "- {name: payment-failures, severity: P0, metric: journey/payment_health, aggregate: failure_rate,"
                + " window: 15m, above: 10}";
        RuleResult r = single(rule);
        assertThat(r.observed()).isEqualTo(50.0); // 2 of 4 known
        assertThat(r.active()).isTrue();

        String count = "- {name: runs, severity: P3, metric: journey/payment_health, aggregate: count, window: 15m, below: 6}";
        RuleResult c = single(count);
        assertThat(c.observed()).isEqualTo(5.0);
        assertThat(c.active()).isTrue();
    }

    @Test
    void failureRateIsZeroWhenAllPassedAndNoDataWhenAllUnavailable() {
        history.add(List.of(rec("journey", "signin", 60, 10.0, Status.OK, ""),
                rec("journey", "signin", 30, 10.0, Status.OK, "")));
        history.add(List.of(rec("journey", "homepage", 60, null, Status.UNAVAILABLE, ""),
                rec("journey", "homepage", 30, null, Status.UNAVAILABLE, "")));
        List<RuleResult> results = eval(
                "- {name: journeys, severity: P1, metric: journey/*, aggregate: failure_rate, window: 15m, above: -1}");
        assertThat(results).extracting(RuleResult::name, RuleResult::observed, RuleResult::active).containsExactly(
                org.assertj.core.groups.Tuple.tuple("homepage", null, false),
                org.assertj.core.groups.Tuple.tuple("signin", 0.0, true));
    }

    @Test
    void windowIncludesItsStartAndExcludesOlderAndFutureRecords() {
        history.add(List.of(
                rec("golden_signals", "cpu_pct", 601, 100.0),   // 10 min 1 s ago: outside
                rec("golden_signals", "cpu_pct", 600, 10.0),    // exactly 10 min ago: inside
                rec("golden_signals", "cpu_pct", 0, 20.0),      // now: inside
                rec("golden_signals", "cpu_pct", -1, 1000.0))); // after now: outside
        String max = "- {name: cpu, severity: P2, metric: golden_signals/cpu_pct, aggregate: max, window: 10m, above: 80}";
        RuleResult r = single(max);
        assertThat(r.observed()).isEqualTo(20.0);
        assertThat(r.active()).isFalse();
        assertThat(single(max.replace("max", "count")).observed()).isEqualTo(2.0);
        assertThat(single(max.replace("max", "min")).observed()).isEqualTo(10.0);
    }

    @Test
    void noDataNeverFires() {
        history.add(List.of(rec("golden_signals", "traffic_rpm", 3600, 0.0),
                rec("golden_signals", "error_rate_pct", 0, null, Status.UNAVAILABLE, "no metrics source"),
                rec("golden_signals", "memory_pct", 60, null, Status.UNAVAILABLE, ""),
                rec("golden_signals", "memory_pct", 30, null, Status.UNAVAILABLE, "")));
        // only records older than the window
        for (String agg : List.of("avg", "min", "max", "p50", "p95", "p99", "failure_rate", "count")) {
            RuleResult r = single("- {name: traffic, severity: P2, metric: golden_signals/traffic_rpm, aggregate: " + agg
                    + ", window: 10m, below: 1000000}");
            assertThat(r.active()).as(agg).isFalse();
            assertThat(r.observed()).as(agg).isNull();
            assertThat(r.summary()).as(agg).isEqualTo("traffic: golden_signals/traffic_rpm = no data (below 1000000)");
        }
        // latest record without a value
        RuleResult latest = single("- {name: errors, severity: P1, metric: golden_signals/error_rate_pct, below: 100}");
        assertThat(latest.active()).isFalse();
        assertThat(latest.observed()).isNull();
        // only null values in the window
        RuleResult nulls = single("- {name: mem, severity: P1, metric: golden_signals/memory_pct, aggregate: avg,"
                + " window: 10m, below: 100}");
        assertThat(nulls.active()).isFalse();
        assertThat(nulls.observed()).isNull();
        // an empty history gives no results at all
        assertThat(evaluator.evaluate(rules("- {name: x, severity: P1, metric: health/*, status: [critical]}"),
                new InMemoryMetricHistory(Duration.ofMinutes(1)), NOW)).isEmpty();
    }

    @Test
    void templatesRenderEveryPlaceholder() {
        history.add(List.of(rec("golden_signals", "latency_homepage_ms", 120, 2000.0, Status.OK, "HTTP 200 in 2.0 s"),
                rec("golden_signals", "latency_homepage_ms", 60, 3000.0, Status.OK, "HTTP 200 in 3.0 s"),
                rec("golden_signals", "latency_homepage_ms", 0, 2501.0, Status.CRITICAL, "HTTP 200 in 2.5 s <b>")));
        RuleResult r = single("""
                - name: high-latency
                  severity: P1
                  metric: golden_signals/latency_homepage_ms
                  aggregate: avg
                  window: 10m
                  above: 2000
                  summary: "{{rule}} {{type}}/{{ name }}: {{value}} ms over {{window}} (limit {{threshold}}) [{{labels.team}}]"
                  description: "status={{status}} details={{details}} severity={{labels.severity}} {{labels.runbook}} {{unclosed"
                  labels: {team: web, runbook: "https://wiki/latency"}
                """);
        assertThat(r.active()).isTrue();
        assertThat(r.observed()).isCloseTo(2500.333, within(0.001));
        assertThat(r.summary()).isEqualTo("high-latency golden_signals/latency_homepage_ms: 2500.33 ms over 10m (limit 2000) [web]");
        assertThat(r.description()).isEqualTo(
                "status=critical details=HTTP 200 in 2.5 s <b> severity=P1 https://wiki/latency {{unclosed");
        assertThat(r.labels()).containsExactly(Map.entry("rule", "high-latency"), Map.entry("severity", "P1"),
                Map.entry("type", "golden_signals"), Map.entry("name", "latency_homepage_ms"),
                Map.entry("team", "web"), Map.entry("runbook", "https://wiki/latency"));
    }

    @Test
    void detailsAreInsertedLiterally() {
        history.add(List.of(rec("health", "api", 0, 10.0, Status.CRITICAL, "HTTP 500 {{value}} $1 \\ {{rule}}")));
        RuleResult r = single("- {name: api-down, severity: P0, metric: health/api, status: [critical], summary: \"down: {{details}}\"}");
        assertThat(r.summary()).isEqualTo("down: HTTP 500 {{value}} $1 \\ {{rule}}");
    }

    @Test
    void defaultSummaryAndDescription() {
        history.add(List.of(rec("health", "api", 0, 1234.0, Status.OK, "HTTP 200"),
                rec("health", "database", 0, null, Status.CRITICAL, "HTTP 503")));
        RuleResult threshold = single("- {name: api-slow, severity: P1, metric: health/api, above: 1000}");
        assertThat(threshold.summary()).isEqualTo("api-slow: health/api = 1234 (above 1000)");
        assertThat(threshold.description())
                .isEqualTo("The latest value of health/api is 1234; the rule fires above 1000. Latest check: ok, HTTP 200.");
        RuleResult status = single("- {name: db-down, severity: P0, metric: health/database, status: [critical]}");
        assertThat(status.summary()).isEqualTo("db-down: health/database is critical");
        assertThat(status.description())
                .isEqualTo("health/database is critical; the rule fires on critical. Latest check: HTTP 503.");
        RuleResult aggregate = single("- {name: api-p99, severity: P2, metric: health/api, aggregate: p99, window: 1h,"
                + " below: 0.5}");
        assertThat(aggregate.summary()).isEqualTo("api-p99: health/api = 1234 (below 0.5)");
        assertThat(aggregate.description()).isEqualTo(
                "The 99th percentile of health/api over the last 1h is 1234; the rule fires below 0.5. Latest check: ok, HTTP 200.");
    }

    @Test
    void valuesAreFormattedForPeople() {
        assertThat(Templates.number(2000.0)).isEqualTo("2000");
        assertThat(Templates.number(5.333333)).isEqualTo("5.33");
        assertThat(Templates.number(0.5)).isEqualTo("0.5");
        assertThat(Templates.number(-3.0)).isEqualTo("-3");
        assertThat(Templates.number(0.00123456)).isEqualTo("0.00123");
        assertThat(Templates.number(1e20)).isEqualTo("100000000000000000000");
        assertThat(Templates.number(null)).isEqualTo("no data");
        assertThat(Templates.duration(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Templates.duration(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(Templates.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void resultsFollowRuleOrderThenSeriesName() {
        history.add(List.of(rec("health", "b", 0, 1.0), rec("health", "a", 0, 1.0), rec("journey", "x", 0, 1.0)));
        List<RuleResult> results = eval("""
                - {name: second, severity: P3, metric: journey/*, above: 0}
                - {name: first, severity: P3, metric: health/*, above: 0}
                """);
        assertThat(results).extracting(r -> r.rule().name() + ":" + r.series())
                .containsExactly("second:journey/x", "first:health/a", "first:health/b");
    }

    @Test
    void evaluatesWhileRecordsAreAdded() throws Exception {
        RuleSet set = rules("""
                - {name: p95, severity: P1, metric: golden_signals/latency_homepage_ms, aggregate: p95, window: 10m, above: 1}
                - {name: any, severity: P1, metric: golden_signals/*, status: [critical]}
                """);
        history.add(List.of(rec("golden_signals", "latency_homepage_ms", 0, 5.0)));
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 20_000 && !stop.get(); i++) {
                history.add(List.of(rec("golden_signals", "latency_homepage_ms", -i, (double) i),
                        rec("golden_signals", "s" + (i % 50), -i, 1.0, Status.CRITICAL, "")));
            }
        });
        try {
            for (int i = 0; i < 500; i++) {
                List<RuleResult> results = evaluator.evaluate(set, history, NOW.plusSeconds(i * 40L));
                assertThat(results).isNotEmpty();
            }
        } finally {
            stop.set(true);
        }
        writer.get();
    }
}
