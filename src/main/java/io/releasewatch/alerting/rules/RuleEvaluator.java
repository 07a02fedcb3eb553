package io.releasewatch.alerting.rules;

import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Evaluates rules against a {@link MetricHistory}. Stateless: it says whether each condition holds at {@code now};
 * {@code for}, pending/firing/resolved and notifications belong to the caller. Safe to call from several threads,
 * also while the history is being added to.
 *
 * <p>For each rule and each series of the rule's type whose name the rule matches (sorted by name; a glob never
 * matches "run"), one {@link RuleResult}:
 * <ul>
 *   <li>Status rule: active when the newest record's status is one of the rule's statuses; observed is that
 *       record's value (may be null, e.g. an endpoint that did not answer).</li>
 *   <li>LATEST threshold rule: observed is the newest record's value, whatever its age (no staleness check: a
 *       series that stops reporting keeps its last value; use an aggregate with a window to require fresh data).
 *       A null value is no data.</li>
 *   <li>Aggregate threshold rule: the records with time in [now - window, now], both ends included. AVG, MIN, MAX
 *       and the percentiles use the non-null values; percentiles are exact, by nearest rank: the smallest value
 *       such that at least p % of the values are less or equal (sorted ascending, index ceil(p/100 * n) - 1), so
 *       they are always one of the measured values, and with one value every percentile is that value.
 *       FAILURE_RATE is 100 * (WARNING + CRITICAL) / (OK + WARNING + CRITICAL): UNAVAILABLE records are unknown,
 *       neither failures nor successes. COUNT is the number of records in the window.</li>
 *   <li>No data (no record; a null newest value; no usable record in the window) gives observed null and
 *       active false: no data never fires. COUNT therefore cannot detect a series that stopped reporting.</li>
 *   <li>ABOVE is observed &gt; threshold and BELOW is observed &lt; threshold: equal never fires.</li>
 * </ul>
 * Summary and description are rendered for every result, active or not.
 */
public final class RuleEvaluator {

    public List<RuleResult> evaluate(RuleSet rules, MetricHistory history, Instant now) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(now, "now");
        List<RuleResult> out = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            for (String name : new TreeSet<>(history.names(rule.type()))) {
                if (rule.matches(rule.type(), name)) {
                    out.add(evaluate(rule, history, name, now));
                }
            }
        }
        return out;
    }

    private static RuleResult evaluate(Rule rule, MetricHistory history, String name, Instant now) {
        MetricRecord latest;
        Double observed;
        boolean active;
        if (rule.isStatusRule()) {
            latest = history.latest(rule.type(), name).orElse(null);
            observed = latest == null ? null : usable(latest.value());
            active = latest != null && rule.statuses().contains(latest.status());
        } else {
            if (rule.aggregate() == Aggregate.LATEST || rule.window() == null) {
                latest = history.latest(rule.type(), name).orElse(null);
                observed = latest == null ? null : usable(latest.value());
            } else {
                List<MetricRecord> window = history.window(rule.type(), name, now.minus(rule.window()), now);
                latest = window.isEmpty() ? history.latest(rule.type(), name).orElse(null) : window.get(window.size() - 1);
                observed = aggregate(rule.aggregate(), window);
            }
            active = observed != null && rule.comparison() != null && rule.threshold() != null
                    && rule.comparison().test(observed, rule.threshold());
        }

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("rule", rule.name());
        labels.put("severity", rule.severity());
        labels.put("type", rule.type());
        labels.put("name", name);
        labels.putAll(rule.labels());

        Map<String, String> values = new HashMap<>();
        values.put("rule", rule.name());
        values.put("type", rule.type());
        values.put("name", name);
        values.put("value", Templates.number(observed));
        values.put("threshold", rule.threshold() == null ? "" : Templates.number(rule.threshold()));
        values.put("window", Templates.duration(rule.window()));
        values.put("details", latest == null ? "" : latest.details());
        values.put("status", latest == null ? "unknown" : latest.status().label());
        var lookup = Templates.lookup(values, labels);

        String summary = Templates.render(
                rule.summaryTemplate() != null ? rule.summaryTemplate() : defaultSummary(rule), lookup);
        String description = Templates.render(
                rule.descriptionTemplate() != null ? rule.descriptionTemplate() : defaultDescription(rule, latest), lookup);
        return new RuleResult(rule, rule.type(), name, active, observed, summary, description, labels);
    }

    /** The observed value of an aggregate over a window's records, or null when there is no data. */
    static Double aggregate(Aggregate aggregate, List<MetricRecord> window) {
        switch (aggregate) {
            case COUNT:
                return window.isEmpty() ? null : (double) window.size();
            case FAILURE_RATE: {
                int known = 0, failed = 0;
                for (MetricRecord r : window) {
                    if (r.status() == Status.UNAVAILABLE) continue;
                    known++;
                    if (r.status() == Status.WARNING || r.status() == Status.CRITICAL) failed++;
                }
                return known == 0 ? null : 100.0 * failed / known;
            }
            default:
                break;
        }
        double[] v = window.stream().map(MetricRecord::value).map(RuleEvaluator::usable).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).toArray();
        if (v.length == 0) return null;
        switch (aggregate) {
            case LATEST:
                return v[v.length - 1];
            case AVG: {
                double sum = 0;
                for (double d : v) sum += d;
                return sum / v.length;
            }
            case MIN:
                return Arrays.stream(v).min().getAsDouble();
            case MAX:
                return Arrays.stream(v).max().getAsDouble();
            case P50:
                return percentile(v, 50);
            case P95:
                return percentile(v, 95);
            case P99:
                return percentile(v, 99);
            default:
                throw new IllegalStateException("unhandled aggregate " + aggregate);
        }
    }

    /** Nearest-rank percentile: the value at 1-based rank ceil(p * n / 100) of the sorted values. */
    static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int rank = Math.max(1, (p * n + 99) / 100);
        return sorted[Math.min(rank, n) - 1];
    }

    private static Double usable(Double v) {
        return v == null || v.isNaN() ? null : v;
    }

    private static String defaultSummary(Rule rule) {
        if (rule.isStatusRule()) {
            return "{{rule}}: {{type}}/{{name}} is {{status}}";
        }
        return "{{rule}}: {{type}}/{{name}} = {{value}} (" + rule.comparison().label() + " {{threshold}})";
    }

    private static String defaultDescription(Rule rule, MetricRecord latest) {
        String last = latest == null ? " No record yet."
                : latest.details().isEmpty() ? " Latest check: {{status}}." : " Latest check: {{status}}, {{details}}.";
        if (rule.isStatusRule()) {
            String statuses = rule.statuses().stream().map(Status::label).collect(Collectors.joining(", "));
            return "{{type}}/{{name}} is {{status}}; the rule fires on " + statuses + "."
                    + (latest == null || latest.details().isEmpty() ? "" : " Latest check: {{details}}.");
        }
        String what = switch (rule.aggregate()) {
            case LATEST -> "The latest value";
            case AVG -> "The average";
            case MIN -> "The minimum";
            case MAX -> "The maximum";
            case P50 -> "The median (p50)";
            case P95 -> "The 95th percentile";
            case P99 -> "The 99th percentile";
            case FAILURE_RATE -> "The failure rate (%)";
            case COUNT -> "The number of records";
        };
        String over = rule.aggregate() == Aggregate.LATEST ? "" : " over the last {{window}}";
        return what + " of {{type}}/{{name}}" + over + " is {{value}}; the rule fires " + rule.comparison().label()
                + " {{threshold}}." + last;
    }
}
