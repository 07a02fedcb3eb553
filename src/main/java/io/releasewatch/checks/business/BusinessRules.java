package io.releasewatch.checks.business;

import io.releasewatch.checks.sql.QueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Guide 2.3's four rules. A rule whose data could not be read is listed as not evaluated instead of being
 * taken as passed.
 *
 * <p>One fix to the guide: payment failures are compared with the last 24 hours' transactions, not with
 * all transactions ever, which on a mature database would hide any failure rate.
 */
public final class BusinessRules {
    public static final String ZERO_REGISTRATIONS = "ZERO_REGISTRATIONS";
    public static final String NO_DELIVERIES = "NO_DELIVERIES";
    public static final String HIGH_PAYMENT_FAILURES = "HIGH_PAYMENT_FAILURES";
    public static final String ZERO_REVENUE = "ZERO_REVENUE";

    private final double maxPaymentFailurePercent;

    /** @param maxPaymentFailurePercent failures above this share of the last 24 h's transactions fire (guide: 5) */
    public BusinessRules(double maxPaymentFailurePercent) {
        if (!(maxPaymentFailurePercent >= 0 && maxPaymentFailurePercent <= 100)) {
            throw new IllegalArgumentException("maxPaymentFailurePercent must be between 0 and 100");
        }
        this.maxPaymentFailurePercent = maxPaymentFailurePercent;
    }

    public static BusinessRules guideDefaults() {
        return new BusinessRules(5.0);
    }

    public double maxPaymentFailurePercent() {
        return maxPaymentFailurePercent;
    }

    /** The findings and the rules that could not be evaluated. */
    public record Evaluation(List<Finding> findings, List<String> notEvaluated) {
        public Evaluation {
            findings = List.copyOf(findings);
            notEvaluated = List.copyOf(notEvaluated);
        }
    }

    public Evaluation evaluate(BusinessSnapshot s) {
        List<Finding> findings = new ArrayList<>();
        List<String> notEvaluated = new ArrayList<>();
        QueryResult<Registrations> reg = s.registrations();
        QueryResult<Orders> orders = s.orders();
        QueryResult<Payments> pay = s.payments();

        if (!reg.available()) notEvaluated.add(ZERO_REGISTRATIONS);
        else if (reg.value().lastHour() == 0) {
            findings.add(new Finding(ZERO_REGISTRATIONS, "registrations_last_hour", "No new registrations in the last hour"));
        }

        if (!orders.available()) notEvaluated.add(NO_DELIVERIES);
        else if (orders.value().lastHour() > 0 && orders.value().delivered24h() == 0) {
            findings.add(new Finding(NO_DELIVERIES, "orders_delivered_24h", orders.value().lastHour()
                    + " orders created in the last hour but none delivered in 24 h"));
        }

        if (!pay.available()) notEvaluated.add(HIGH_PAYMENT_FAILURES);
        else {
            Payments p = pay.value();
            if (p.failed24h() * 100.0 > p.last24h() * maxPaymentFailurePercent) {
                findings.add(new Finding(HIGH_PAYMENT_FAILURES, "payment_failure_pct_24h", String.format(Locale.ROOT,
                        "%d of %d payments failed in the last 24 h (%.1f %%, limit %.1f %%)", p.failed24h(), p.last24h(),
                        p.failurePercent24h(), maxPaymentFailurePercent)));
            }
        }

        if (!orders.available() || !pay.available()) notEvaluated.add(ZERO_REVENUE);
        else if (orders.value().lastHour() > 0 && pay.value().revenue24hCents() == 0) {
            findings.add(new Finding(ZERO_REVENUE, "revenue_24h_cents", orders.value().lastHour()
                    + " orders created in the last hour but no successful payment in 24 h"));
        }
        return new Evaluation(findings, notEvaluated);
    }
}
