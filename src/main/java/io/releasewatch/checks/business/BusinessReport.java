package io.releasewatch.checks.business;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releasewatch.checks.sql.QueryResult;
import io.releasewatch.checks.sql.SqlFailure;
import io.releasewatch.clock.Phase;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One business-metrics run: what was read, the findings, and the verdict; as metric records for the pipeline
 * and as the JSON line guide 2.3 appends to its daily log.
 */
public record BusinessReport(BusinessSnapshot snapshot, List<Finding> findings, List<String> rulesNotEvaluated,
                             BusinessHealth health) {
    public static final String TYPE = "business";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT).withZone(ZoneOffset.UTC);

    public BusinessReport {
        findings = List.copyOf(findings);
        rulesNotEvaluated = List.copyOf(rulesNotEvaluated);
    }

    public static BusinessReport of(BusinessSnapshot snapshot, BusinessRules rules) {
        BusinessRules.Evaluation e = rules.evaluate(snapshot);
        return new BusinessReport(snapshot, e.findings(), e.notEvaluated(), BusinessHealth.of(e.findings(), e.notEvaluated()));
    }

    public List<SqlFailure> queryFailures() {
        return snapshot.failures();
    }

    /** True when a query failed because of the connection itself: the caller alerts "database connection issues". */
    public boolean databaseConnectionProblem() {
        return queryFailures().stream().anyMatch(SqlFailure::connectionProblem);
    }

    /** The daily log this run belongs to, by the run's UTC date: business_metrics_YYYYMMDD.log. */
    public String logFileName() {
        return "business_metrics_" + DAY.format(snapshot.time()) + ".log";
    }

    /**
     * One line of JSON (no line break): timestamp, metrics (a section is null when its query failed), findings,
     * health_status, and what could not be read or judged.
     */
    public String toJsonLine() {
        ObjectNode n = JSON.createObjectNode();
        n.put("timestamp", snapshot.time().toString());
        ObjectNode m = n.putObject("metrics");
        section(m, "user_registrations", snapshot.registrations(), r -> JSON.createObjectNode()
                .put("total", r.total()).put("last_hour", r.lastHour()).put("last_24h", r.last24h()));
        section(m, "orders", snapshot.orders(), o -> JSON.createObjectNode()
                .put("total", o.total()).put("last_hour", o.lastHour()).put("delivered_24h", o.delivered24h())
                .put("cancelled_total", o.cancelledTotal()));
        section(m, "payments", snapshot.payments(), p -> JSON.createObjectNode()
                .put("total_transactions", p.total()).put("last_hour", p.lastHour()).put("transactions_24h", p.last24h())
                .put("failed_24h", p.failed24h()).put("failure_pct_24h", p.failurePercent24h())
                .put("revenue_24h_cents", p.revenue24hCents()));
        section(m, "errors", snapshot.errors(), list -> {
            ObjectNode e = JSON.createObjectNode();
            list.forEach(ev -> e.put(ev.event(), ev.count()));
            return e;
        });
        ArrayNode f = n.putArray("findings");
        findings.forEach(x -> f.addObject().put("code", x.code()).put("message", x.message()));
        n.put("health_status", health.name());
        ArrayNode notEvaluated = n.putArray("rules_not_evaluated");
        rulesNotEvaluated.forEach(notEvaluated::add);
        ArrayNode failures = n.putArray("query_failures");
        queryFailures().forEach(x -> failures.addObject().put("query", x.query()).put("sql_state", x.sqlState())
                .put("message", x.message()).put("connection_problem", x.connectionProblem()));
        return n.toString();
    }

    private static <T> void section(ObjectNode metrics, String name, QueryResult<T> r, Function<T, ObjectNode> render) {
        if (r.available()) metrics.set(name, render.apply(r.value()));
        else metrics.putNull(name);
    }

    /** Records of type "business" at the run's time; a metric whose query failed is null and UNAVAILABLE. */
    public List<MetricRecord> toRecords(Phase phase) {
        Set<String> flagged = findings.stream().map(Finding::metric).collect(Collectors.toSet());
        String findingText = findings.stream().map(x -> x.code() + ": " + x.message()).collect(Collectors.joining("; "));
        Records out = new Records(phase, flagged, findings);

        QueryResult<Registrations> reg = snapshot.registrations();
        out.add("registrations_last_hour", reg, r -> (double) r.lastHour(), "registrations since " + snapshot.time().minusSeconds(3600));
        out.add("registrations_last_24h", reg, r -> (double) r.last24h(), "registrations in the last 24 h");
        out.add("registrations_total", reg, r -> (double) r.total(), "all registrations");

        QueryResult<Orders> orders = snapshot.orders();
        out.add("orders_last_hour", orders, o -> (double) o.lastHour(), "orders created in the last hour");
        out.add("orders_delivered_24h", orders, o -> (double) o.delivered24h(), "orders delivered in the last 24 h");
        out.add("orders_cancelled_total", orders, o -> (double) o.cancelledTotal(), "all cancelled orders");
        out.add("orders_total", orders, o -> (double) o.total(), "all orders");

        QueryResult<Payments> pay = snapshot.payments();
        out.add("payments_last_hour", pay, p -> (double) p.lastHour(), "transactions in the last hour");
        out.add("payments_24h", pay, p -> (double) p.last24h(), "transactions in the last 24 h");
        out.add("payments_failed_24h", pay, p -> (double) p.failed24h(), "failed transactions in the last 24 h");
        if (pay.available() && pay.value().failurePercent24h() == null) {
            out.unavailable("payment_failure_pct_24h", "no transactions in the last 24 h, so no failure rate");
        } else {
            out.add("payment_failure_pct_24h", pay, Payments::failurePercent24h, "failed share of the last 24 h's transactions");
        }
        out.add("revenue_24h_cents", pay, p -> (double) p.revenue24hCents(), "succeeded amounts in the last 24 h, smallest currency unit");
        out.add("payments_total", pay, p -> (double) p.total(), "all transactions");

        out.add("error_events_last_hour", snapshot.errors(), list -> (double) list.stream().mapToLong(ErrorEvent::count).sum(),
                snapshot.errors().available() ? "top error events in the last hour: " + snapshot.errors().value().stream()
                        .map(e -> e.event() + "=" + e.count()).collect(Collectors.joining(", ")) : "");

        List<SqlFailure> failed = queryFailures();
        Status queryStatus = failed.isEmpty() ? Status.OK : databaseConnectionProblem() ? Status.CRITICAL : Status.WARNING;
        out.records.add(new MetricRecord(snapshot.time(), phase, TYPE, "query_failures", (double) failed.size(), queryStatus,
                failed.isEmpty() ? "all business queries ran"
                        : (databaseConnectionProblem() ? "database connection issues: " : "")
                        + failed.stream().map(SqlFailure::describe).collect(Collectors.joining("; "))));

        // One series per guide rule (business/no_deliveries, ...), so alert rules can watch each finding.
        for (String code : List.of(BusinessRules.ZERO_REGISTRATIONS, BusinessRules.NO_DELIVERIES,
                BusinessRules.HIGH_PAYMENT_FAILURES, BusinessRules.ZERO_REVENUE)) {
            String name = code.toLowerCase(java.util.Locale.ROOT);
            Finding hit = findings.stream().filter(x -> x.code().equals(code)).findFirst().orElse(null);
            if (hit != null) {
                out.records.add(new MetricRecord(snapshot.time(), phase, TYPE, name, 1.0, Status.CRITICAL, hit.message()));
            } else if (rulesNotEvaluated.contains(code)) {
                out.records.add(new MetricRecord(snapshot.time(), phase, TYPE, name, null, Status.UNAVAILABLE,
                        "not evaluated: a query it needs failed"));
            } else {
                out.records.add(new MetricRecord(snapshot.time(), phase, TYPE, name, 0.0, Status.OK, "rule passes"));
            }
        }

        String healthDetail = !findings.isEmpty() ? findingText
                : rulesNotEvaluated.isEmpty() ? "all business rules pass"
                : "no rule fired, but not evaluated: " + String.join(", ", rulesNotEvaluated);
        out.records.add(new MetricRecord(snapshot.time(), phase, TYPE, "health", (double) findings.size(), health.status(),
                health.name() + ": " + healthDetail));
        return out.records;
    }

    /** Builds records, marking a metric WARNING when a finding is about it. */
    private final class Records {
        final List<MetricRecord> records = new ArrayList<>();
        final Phase phase;
        final Set<String> flagged;
        final List<Finding> findingList;

        Records(Phase phase, Set<String> flagged, List<Finding> findingList) {
            this.phase = phase;
            this.flagged = flagged;
            this.findingList = findingList;
        }

        <T> void add(String name, QueryResult<T> source, Function<T, Double> value, String detail) {
            if (!source.available()) {
                unavailable(name, "query failed: " + source.reason());
                return;
            }
            if (flagged.contains(name)) {
                String why = findingList.stream().filter(f -> f.metric().equals(name)).map(f -> f.code() + ": " + f.message())
                        .collect(Collectors.joining("; "));
                records.add(new MetricRecord(snapshot.time(), phase, TYPE, name, value.apply(source.value()), Status.WARNING, why));
            } else {
                records.add(new MetricRecord(snapshot.time(), phase, TYPE, name, value.apply(source.value()), Status.OK, detail));
            }
        }

        void unavailable(String name, String why) {
            records.add(new MetricRecord(snapshot.time(), phase, TYPE, name, null, Status.UNAVAILABLE, why));
        }
    }
}
