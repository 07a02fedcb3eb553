package io.releasewatch.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.releasewatch.metrics.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleParserTest {
    private static final String F = "alert-rules.yaml";

    private static RuleFileException error(String yaml) {
        return catchThrowableOfType(RuleFileException.class, () -> RuleParser.parse(yaml, F));
    }

    private static void assertError(String yaml, int line, String reason) {
        RuleFileException e = error(yaml);
        assertThat(e).as("expected a RuleFileException for:%n%s", yaml).isNotNull();
        assertThat(e.file()).isEqualTo(F);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.line()).as("line of: " + reason).isEqualTo(line);
        assertThat(e).hasMessage(F + ":" + line + ": " + reason);
    }

    @Test
    void validFileRoundTripsIntoRules() throws Exception {
        String yaml = """
                # comment
                rules:
                  - name: high-error-rate
                    severity: P1
                    metric: golden_signals/error_rate_pct
                    above: 5.5
                    aggregate: avg
                    window: 10m
                    for: 2m
                    summary: "Error rate {{value}} % over {{window}} ({{labels.team}})"
                    description: >
                      Details: {{details}}
                    labels:
                      team: platform
                      runbook: https://wiki/errors
                  - metric: journey/*
                    name: journey-failed
                    severity: p2
                    status: [critical, warning]
                  - name: few-registrations
                    severity: P3
                    metric: business/registrations_last_hour
                    below: 1
                    for: 0
                """;
        RuleSet set = RuleParser.parse(yaml, F);

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("team", "platform");
        labels.put("runbook", "https://wiki/errors");
        assertThat(set.rules()).containsExactly(
                new Rule("high-error-rate", "P1", "golden_signals", "error_rate_pct", Aggregate.AVG,
                        Duration.ofMinutes(10), Comparison.ABOVE, 5.5, Set.of(), Duration.ofMinutes(2),
                        "Error rate {{value}} % over {{window}} ({{labels.team}})", "Details: {{details}}\n",
                        labels, F, 3),
                new Rule("journey-failed", "P2", "journey", "*", Aggregate.LATEST, null, null, null,
                        EnumSet.of(Status.CRITICAL, Status.WARNING), Duration.ZERO, null, null, Map.of(), F, 16),
                new Rule("few-registrations", "P3", "business", "registrations_last_hour", Aggregate.LATEST, null,
                        Comparison.BELOW, 1.0, Set.of(), Duration.ZERO, null, null, Map.of(), F, 20));
        assertThat(set.rules().get(0).labels().keySet()).containsExactly("team", "runbook");
        assertThat(set.rules().get(1).isStatusRule()).isTrue();
        assertThat(set.rules().get(0).isStatusRule()).isFalse();
    }

    @Test
    void everyAggregateAndDurationUnitIsAccepted() throws Exception {
        StringBuilder yaml = new StringBuilder("rules:\n");
        String[] aggregates = {"avg", "min", "max", "p50", "p95", "p99", "failure_rate", "count"};
        String[] windows = {"500ms", "30s", "10m", "1h", "1d", "1.5h", "2h", "90s"};
        for (int i = 0; i < aggregates.length; i++) {
            yaml.append("  - {name: r").append(i).append(", severity: P3, metric: health/api, above: 1, aggregate: ")
                    .append(aggregates[i]).append(", window: ").append(windows[i]).append("}\n");
        }
        RuleSet set = RuleParser.parse(yaml.toString(), F);
        assertThat(set.rules()).extracting(Rule::aggregate).containsExactly(Aggregate.AVG, Aggregate.MIN,
                Aggregate.MAX, Aggregate.P50, Aggregate.P95, Aggregate.P99, Aggregate.FAILURE_RATE, Aggregate.COUNT);
        assertThat(set.rules()).extracting(Rule::window).containsExactly(Duration.ofMillis(500),
                Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofDays(1),
                Duration.ofMinutes(90), Duration.ofHours(2), Duration.ofSeconds(90));
        assertThat(set.rules()).extracting(Rule::line).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void emptyRuleListIsAllowed() throws Exception {
        assertThat(RuleParser.parse("rules: []\n", F).rules()).isEmpty();
    }

    @Test
    void unknownKeyNamesTheRuleAndTheKeysThatExist() {
        assertError("""
                rules:
                  - name: high-error-rate
                    severity: P1
                    metric: golden_signals/error_rate_pct
                    threshhold: 5
                """, 5, "rule 'high-error-rate': unknown key 'threshhold' (expected one of: name, severity, metric,"
                + " status, above, below, aggregate, window, for, summary, description, labels)");
    }

    @Test
    void unknownKeyBeforeTheNameStillNamesTheRule() {
        assertError("""
                rules:
                  - severity: P1
                    abovee: 5
                    name: late-name
                    metric: health/api
                """, 3, "rule 'late-name': unknown key 'abovee' (expected one of: name, severity, metric,"
                + " status, above, below, aggregate, window, for, summary, description, labels)");
    }

    @Test
    void wrongTypes() {
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/api
                    above: five
                """, 5, "rule 'a': 'above' must be a number (without unit or quotes, e.g. above: 5), got 'five'");
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/api
                    below: "5"
                """, 5, "rule 'a': 'below' must be a number (without unit or quotes, e.g. below: 5), got '5'");
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric:
                      - health/api
                    above: 1
                """, 5, "rule 'a': 'metric' must be a single value, got a list");
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/api
                    status: {critical: true}
                """, 5, "rule 'a': 'status' must be a list of statuses, e.g. [critical, warning], got a mapping");
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/api
                    status: [critical, broken]
                """, 5, "rule 'a': status 'broken' is not valid (expected ok, warning, critical or unavailable)");
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/api
                    above: 1
                    labels: [team]
                """, 6, "rule 'a': 'labels' must be a mapping of label names to text, e.g. {team: platform}, got a list");
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/api
                    above: 1
                    labels:
                      team:
                        - x
                """, 8, "rule 'a': label 'team' must have a text value, got a list");
        assertError("""
                rules:
                  - name: [a]
                    severity: P1
                """, 2, "rule #1: 'name' must be a single value, got a list");
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/api
                    above: 1
                  - just a string
                """, 6, "rule #2: expected a mapping of keys (name, severity, metric, ...), got 'just a string'");
    }

    @Test
    void missingRequiredKeyPointsAtTheRule() {
        assertError("""
                rules:
                  - name: ok-rule
                    severity: P1
                    metric: health/api
                    above: 1

                  - name: no-severity
                    metric: health/api
                    above: 1
                """, 7, "rule 'no-severity': missing required key 'severity'");
        assertError("""
                rules:
                  - severity: P1
                    metric: health/api
                    above: 1
                """, 2, "rule #1: missing required key 'name'");
        assertError("""
                rules:
                  - name: no-metric
                    severity: P1
                    status: [critical]
                """, 2, "rule 'no-metric': missing required key 'metric'");
    }

    @Test
    void conditionConflicts() {
        assertError("""
                rules:
                  - name: both
                    severity: P1
                    metric: health/api
                    above: 5
                    below: 1
                """, 6, "rule 'both': 'above' and 'below' cannot both be set; write two rules");
        assertError("""
                rules:
                  - name: mixed
                    severity: P1
                    metric: health/api
                    above: 5
                    status: [critical]
                """, 6, "rule 'mixed': 'status' and 'above' cannot be combined; a rule checks either a status or a threshold");
        assertError("""
                rules:
                  - name: mixed
                    severity: P1
                    metric: health/api
                    status: [critical]
                    below: 5
                """, 6, "rule 'mixed': 'status' and 'below' cannot be combined; a rule checks either a status or a threshold");
        assertError("""
                rules:
                  - name: nothing
                    severity: P1
                    metric: health/api
                    for: 5m
                """, 2, "rule 'nothing': no condition: give either 'status: [critical, ...]' or a threshold"
                + " ('above: N' or 'below: N')");
        assertError("""
                rules:
                  - name: status-window
                    severity: P1
                    metric: health/api
                    status: [critical]
                    window: 5m
                """, 6, "rule 'status-window': 'window' applies only to threshold rules (above/below); a status rule"
                + " reads the newest record's status");
    }

    @Test
    void aggregateWindowRules() {
        assertError("""
                rules:
                  - name: p95-no-window
                    severity: P1
                    metric: golden_signals/latency_homepage_ms
                    above: 2000
                    aggregate: p95
                """, 6, "rule 'p95-no-window': aggregate 'p95' needs a 'window' (e.g. window: 10m)");
        assertError("""
                rules:
                  - name: latest-window
                    severity: P1
                    metric: golden_signals/latency_homepage_ms
                    above: 2000
                    window: 10m
                """, 6, "rule 'latest-window': 'window' needs an aggregate other than latest (avg, min, max, p50,"
                + " p95, p99, failure_rate, count); a latest rule reads the newest record whatever its age");
        assertError("""
                rules:
                  - name: bad-aggregate
                    severity: P1
                    metric: golden_signals/latency_homepage_ms
                    above: 2000
                    aggregate: p90
                    window: 10m
                """, 6, "rule 'bad-aggregate': aggregate 'p90' is not valid (expected one of: latest, avg, min, max,"
                + " p50, p95, p99, failure_rate, count)");
    }

    @Test
    void badDurations() {
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/api
                    above: 1
                    aggregate: avg
                    window: 10 minutes
                """, 7, "rule 'a': 'window' must be a duration such as 30s, 10m or 1h (units ms, s, m, h, d),"
                + " got '10 minutes'");
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/api
                    above: 1
                    for: 10
                """, 6, "rule 'a': 'for' must be a duration such as 30s, 10m or 1h (units ms, s, m, h, d), got '10'");
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/api
                    above: 1
                    aggregate: max
                    window: 0s
                """, 7, "rule 'a': 'window' must be longer than 0");
    }

    @Test
    void badSeverityNameMetricAndGlob() {
        assertError("""
                rules:
                  - name: a
                    severity: P5
                    metric: health/api
                    above: 1
                """, 3, "rule 'a': severity 'P5' is not valid (expected P0, P1, P2 or P3)");
        assertError("""
                rules:
                  - name: High_Errors
                    severity: P1
                """, 2, "rule #1: name 'High_Errors' is not kebab-case (lower-case letters and digits joined by"
                + " single dashes, e.g. high-error-rate)");
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/[ab]*
                    above: 1
                """, 4, "rule 'a': metric 'health/[ab]*': the name '[ab]*' is not a valid name or glob (letters,"
                + " digits, '_', '-', '.', and single '*' wildcards)");
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/**
                    above: 1
                """, 4, "rule 'a': metric 'health/**': the name '**' is not a valid name or glob (letters,"
                + " digits, '_', '-', '.', and single '*' wildcards)");
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: "*/api"
                    above: 1
                """, 4, "rule 'a': metric '*/api': the type '*' must be lower-case letters, digits and '_'"
                + " (no wildcards), e.g. health, golden_signals");
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: error_rate_pct
                    above: 1
                """, 4, "rule 'a': metric 'error_rate_pct' must be <type>/<name>, e.g. health/api or journey/*");
    }

    @Test
    void duplicateRuleNameAndDuplicateKey() {
        assertError("""
                rules:
                  - name: same
                    severity: P1
                    metric: health/api
                    above: 1
                  - name: other
                    severity: P1
                    metric: health/api
                    above: 1
                  - severity: P2
                    name: same
                    metric: health/database
                    above: 1
                """, 11, "rule 'same': duplicate rule name (first defined at line 2)");
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/api
                    above: 1
                    above: 2
                """, 6, "rule 'a': duplicate key 'above' (first at line 5)");
    }

    @Test
    void templatesAndLabelsAreChecked() {
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/api
                    above: 1
                    summary: "API at {{valu}} ms"
                """, 6, "rule 'a': summary: unknown placeholder {{valu}} (expected one of: {{rule}}, {{type}},"
                + " {{name}}, {{value}}, {{threshold}}, {{window}}, {{details}}, {{status}}, {{labels.<label>}})");
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/api
                    status: [critical]
                    description: "over {{threshold}}"
                """, 6, "rule 'a': description: placeholder {{threshold}} needs a threshold rule (above/below);"
                + " this is a status rule");
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/api
                    above: 1
                    summary: "{{labels.team}}"
                    labels: {owner: me}
                """, 6, "rule 'a': summary: placeholder {{labels.team}} names a label the rule does not have"
                + " (labels: name, owner, rule, severity, type)");
        assertError("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/api
                    above: 1
                    labels:
                      team: x
                      severity: high
                """, 8, "rule 'a': label 'severity' is reserved (every result carries rule, severity, type, name)");
    }

    @Test
    void fileStructureErrors() {
        assertError("rules:\n  name: a\n", 2, "'rules' must be a list of rules (items starting with '- name: ...'),"
                + " got a mapping");
        assertError("rules: everything\n", 1, "'rules' must be a list of rules (items starting with '- name: ...'),"
                + " got 'everything'");
        assertError("rules:\n", 1, "'rules' must be a list of rules (items starting with '- name: ...'), got no value");
        assertError("# nothing here\n\n", 1, "the file has no rules: expected a top-level 'rules:' list");
        assertError("- name: a\n", 1, "expected a mapping with a top-level 'rules:' list, got a list");
        assertError("rules: []\nalerts: []\n", 2, "unknown top-level key 'alerts' (expected: rules)");
        assertError("# rules\nalerts: []\n", 2, "unknown top-level key 'alerts' (expected: rules)");
    }

    @Test
    void invalidYamlGivesTheLineOfTheProblem() {
        RuleFileException e = error("""
                rules:
                  - name: a
                    severity: P1
                    metric: health/api
                   above: 1
                """);
        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.reason()).startsWith("invalid YAML: ");
        assertThat(e.getMessage()).startsWith(F + ":5: invalid YAML: ");

        e = error("rules:\n  - name: \"unterminated\n    severity: P1\n");
        assertThat(e).isNotNull();
        assertThat(e.reason()).startsWith("invalid YAML: ");
        assertThat(e.line()).isEqualTo(4);

        e = error("rules:\n  - {name: a, severity: P1\n\n");
        assertThat(e).isNotNull();
        assertThat(e.reason()).startsWith("invalid YAML: ");
        assertThat(e.line()).isEqualTo(4);
    }

    @Test
    void loadNamesThePathAndReportsAMissingFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, "rules:\n  - name: a\n    severity: P9\n    metric: health/api\n    above: 1\n");
        assertThatThrownBy(() -> RuleParser.load(file)).isInstanceOf(RuleFileException.class)
                .hasMessage(file + ":3: rule 'a': severity 'P9' is not valid (expected P0, P1, P2 or P3)");

        Files.writeString(file, "rules:\n  - {name: a, severity: P0, metric: health/api, status: [critical]}\n");
        Rule rule = RuleParser.load(file).rules().get(0);
        assertThat(rule.file()).isEqualTo(file.toString());
        assertThat(rule.line()).isEqualTo(2);

        Path missing = dir.resolve("missing.yaml");
        RuleFileException e = catchThrowableOfType(RuleFileException.class, () -> RuleParser.load(missing));
        assertThat(e.line()).isZero();
        assertThat(e).hasMessage(missing + ": file not found");
    }
}
