package io.releasewatch.checks.business;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasewatch.clock.Phase;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's four business rules, each firing and not firing, run through the shipped SQL files against a
 * real database. Subclasses supply PostgreSQL or SQLite: the same files must pass on both.
 */
abstract class BusinessRulesContract {
    static final Instant NOW = Instant.parse("2025-03-01T14:00:00Z");
    static final Instant MIN_10 = NOW.minus(Duration.ofMinutes(10));
    static final Instant H_2 = NOW.minus(Duration.ofHours(2));
    static final Instant H_23 = NOW.minus(Duration.ofHours(23));
    static final Instant H_25 = NOW.minus(Duration.ofHours(25));
    static final Instant DAYS_30 = NOW.minus(Duration.ofDays(30));
    private static final ObjectMapper JSON = new ObjectMapper();

    abstract DataSource dataSource();

    ShopActivity shop;

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String t : List.of("profiles", "orders", "payment_transactions", "audit_log")) s.executeUpdate("DELETE FROM " + t);
        }
        shop = new ShopActivity(dataSource());
    }

    BusinessReport run() {
        return run(BusinessQueries.shipped());
    }

    BusinessReport run(BusinessQueries queries) {
        return new BusinessMetrics(dataSource(), queries, BusinessRules.guideDefaults(), Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofSeconds(10)).run();
    }

    /** Registrations, orders, deliveries and mostly successful payments: no rule fires. */
    void healthyActivity() {
        shop.registration(MIN_10).registration(H_2).registration(DAYS_30)
                .order(MIN_10, "pending").order(H_23, "delivered", H_2).order(DAYS_30, "cancelled")
                .payments(50, H_2, "succeeded", 1500).payments(1, H_2, "failed", 1500);
    }

    static List<String> codes(BusinessReport r) {
        return r.findings().stream().map(Finding::code).toList();
    }

    static Map<String, MetricRecord> records(BusinessReport r) {
        return r.toRecords(Phase.INTENSIVE).stream().collect(Collectors.toMap(MetricRecord::name, Function.identity()));
    }

    @Test
    void healthyActivityHasNoFinding() throws Exception {
        healthyActivity();
        BusinessReport r = run();

        assertThat(r.queryFailures()).isEmpty();
        assertThat(r.findings()).isEmpty();
        assertThat(r.health()).isEqualTo(BusinessHealth.HEALTHY);
        assertThat(r.snapshot().registrations().value()).isEqualTo(new Registrations(3, 1, 2));
        assertThat(r.snapshot().orders().value()).isEqualTo(new Orders(3, 1, 1, 1));
        assertThat(r.snapshot().payments().value()).isEqualTo(new Payments(51, 0, 51, 1, 75_000));

        Map<String, MetricRecord> rec = records(r);
        assertThat(rec.values()).allSatisfy(m -> {
            assertThat(m.type()).isEqualTo("business");
            assertThat(m.time()).isEqualTo(NOW);
            assertThat(m.status()).isEqualTo(Status.OK);
        });
        assertThat(rec.get("payment_failure_pct_24h").value()).isCloseTo(100.0 / 51, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(rec.get("revenue_24h_cents").value()).isEqualTo(75_000.0);
        assertThat(rec.get("health").value()).isEqualTo(0.0);
        assertThat(rec.get("query_failures").value()).isEqualTo(0.0);

        JsonNode line = JSON.readTree(r.toJsonLine());
        assertThat(r.toJsonLine()).doesNotContain("\n");
        assertThat(line.get("timestamp").asText()).isEqualTo("2025-03-01T14:00:00Z");
        assertThat(line.get("health_status").asText()).isEqualTo("HEALTHY");
        assertThat(line.get("findings")).isEmpty();
        assertThat(line.at("/metrics/user_registrations/last_hour").asLong()).isEqualTo(1);
        assertThat(line.at("/metrics/orders/delivered_24h").asLong()).isEqualTo(1);
        assertThat(line.at("/metrics/payments/transactions_24h").asLong()).isEqualTo(51);
        assertThat(line.at("/metrics/payments/revenue_24h_cents").asLong()).isEqualTo(75_000);
        assertThat(r.logFileName()).isEqualTo("business_metrics_20250301.log");
    }

    @Test
    void zeroRegistrationsFiresWhenTheLastIsOverAnHourOld() {
        healthyActivity();
        shop.registration(NOW.minus(Duration.ofHours(1)).minusMillis(1));
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM profiles WHERE email = 'user1@example.test'"); // the one 10 minutes ago
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        BusinessReport r = run();
        assertThat(codes(r)).containsExactly(BusinessRules.ZERO_REGISTRATIONS);
        assertThat(r.health()).isEqualTo(BusinessHealth.DEGRADED);
        MetricRecord m = records(r).get("registrations_last_hour");
        assertThat(m.value()).isEqualTo(0.0);
        assertThat(m.status()).isEqualTo(Status.WARNING);
        assertThat(m.details()).contains("ZERO_REGISTRATIONS");
    }

    @Test
    void aRegistrationExactlyAnHourAgoIsInTheLastHour() {
        shop.registration(NOW.minus(Duration.ofHours(1)));
        BusinessReport r = run();
        assertThat(r.snapshot().registrations().value().lastHour()).isEqualTo(1);
        assertThat(codes(r)).doesNotContain(BusinessRules.ZERO_REGISTRATIONS);
    }

    @Test
    void noDeliveriesFiresWhenOrdersCameInButNoneWasDeliveredIn24Hours() {
        shop.registration(MIN_10).order(MIN_10, "pending").order(DAYS_30, "delivered", H_25).payments(3, H_2, "succeeded", 900);
        BusinessReport r = run();
        assertThat(codes(r)).containsExactly(BusinessRules.NO_DELIVERIES);
        assertThat(records(r).get("orders_delivered_24h").status()).isEqualTo(Status.WARNING);
    }

    @Test
    void noDeliveriesDoesNotFireWithARecentDeliveryOrWithoutNewOrders() {
        shop.registration(MIN_10).order(MIN_10, "pending").order(DAYS_30, "delivered", H_23).payments(3, H_2, "succeeded", 900);
        assertThat(codes(run())).isEmpty();

        emptyTablesQuietly();
        shop.registration(MIN_10).order(H_2, "pending").payments(3, H_2, "succeeded", 900); // no order in the last hour
        assertThat(codes(run())).isEmpty();
    }

    @Test
    void paymentFailuresAreJudgedAgainstTheLast24HoursNotAllTime() {
        shop.registration(MIN_10);
        shop.payments(200, DAYS_30, "succeeded", 1000);   // all-time base the guide divided by: 6 > 5 % of 300 would be false
        shop.payments(94, H_2, "succeeded", 1000).payments(6, H_23, "failed", 1000);
        BusinessReport r = run();
        assertThat(codes(r)).containsExactly(BusinessRules.HIGH_PAYMENT_FAILURES);
        assertThat(r.findings().get(0).message()).contains("6 of 100", "6.0 %", "limit 5.0 %");
        MetricRecord pct = records(r).get("payment_failure_pct_24h");
        assertThat(pct.value()).isEqualTo(6.0);
        assertThat(pct.status()).isEqualTo(Status.WARNING);
    }

    @Test
    void paymentFailuresAtExactlyFivePercentDoNotFire() {
        shop.registration(MIN_10).payments(95, H_2, "succeeded", 1000).payments(5, H_2, "failed", 1000)
                .payments(50, H_25, "failed", 1000);   // older than 24 h: not counted
        BusinessReport r = run();
        assertThat(codes(r)).isEmpty();
        assertThat(r.snapshot().payments().value().failed24h()).isEqualTo(5);
    }

    @Test
    void zeroRevenueFiresWhenOrdersCameInButNoPaymentSucceededIn24Hours() {
        shop.registration(MIN_10).order(MIN_10, "pending").order(H_2, "delivered", H_2)
                .payments(2, H_25, "succeeded", 5000);   // revenue, but too old
        BusinessReport r = run();
        assertThat(codes(r)).containsExactly(BusinessRules.ZERO_REVENUE);
        MetricRecord revenue = records(r).get("revenue_24h_cents");
        assertThat(revenue.value()).isEqualTo(0.0);   // measured 0, not unknown
        assertThat(revenue.status()).isEqualTo(Status.WARNING);
        assertThat(records(r).get("payment_failure_pct_24h").status()).isEqualTo(Status.UNAVAILABLE); // no transaction in 24 h
    }

    @Test
    void zeroRevenueDoesNotFireWithOneSucceededPaymentIn24Hours() {
        shop.registration(MIN_10).order(MIN_10, "pending").order(H_2, "delivered", H_2).payments(1, H_23, "succeeded", 1);
        assertThat(codes(run())).isEmpty();
    }

    @Test
    void threeFindingsOrMoreAreUnhealthy() throws Exception {
        shop.order(MIN_10, "pending").payments(10, H_2, "failed", 1000); // no registration, delivery or revenue; 100 % failures
        BusinessReport r = run();
        assertThat(codes(r)).containsExactly(BusinessRules.ZERO_REGISTRATIONS, BusinessRules.NO_DELIVERIES,
                BusinessRules.HIGH_PAYMENT_FAILURES, BusinessRules.ZERO_REVENUE);
        assertThat(r.health()).isEqualTo(BusinessHealth.UNHEALTHY);
        assertThat(records(r).get("health").status()).isEqualTo(Status.CRITICAL);
        JsonNode line = JSON.readTree(r.toJsonLine());
        assertThat(line.get("health_status").asText()).isEqualTo("UNHEALTHY");
        assertThat(line.get("findings")).hasSize(4);
        assertThat(line.get("findings").get(0).get("code").asText()).isEqualTo("ZERO_REGISTRATIONS");
    }

    @Test
    void errorEventsOfTheLastHourCaseInsensitively() {
        healthyActivity();
        shop.events(3, MIN_10, "payment_error").events(2, MIN_10, "DB_ERROR").events(10, MIN_10, "page_view")
                .events(7, H_2, "payment_error");
        BusinessReport r = run();
        assertThat(r.snapshot().errors().value()).containsExactly(new ErrorEvent("payment_error", 3), new ErrorEvent("DB_ERROR", 2));
        assertThat(records(r).get("error_events_last_hour").value()).isEqualTo(5.0);
        assertThat(records(r).get("error_events_last_hour").details()).contains("payment_error=3", "DB_ERROR=2");
    }

    @Test
    void aMissingTableFailsOnlyItsQueryWithTheDatabasesMessage() throws Exception {
        healthyActivity();
        rename("audit_log", "audit_log_gone");
        try {
            BusinessReport r = run();
            assertThat(r.queryFailures()).hasSize(1);
            assertThat(r.queryFailures().get(0).query()).isEqualTo("errors");
            assertThat(r.queryFailures().get(0).message()).contains("audit_log");
            assertThat(r.queryFailures().get(0).connectionProblem()).isFalse();
            assertThat(r.databaseConnectionProblem()).isFalse();
            assertThat(r.health()).isEqualTo(BusinessHealth.HEALTHY);       // the rules do not use errors
            Map<String, MetricRecord> rec = records(r);
            assertThat(rec.get("error_events_last_hour").value()).isNull();
            assertThat(rec.get("error_events_last_hour").status()).isEqualTo(Status.UNAVAILABLE);
            assertThat(rec.get("error_events_last_hour").details()).contains("audit_log");
            assertThat(rec.get("query_failures").status()).isEqualTo(Status.WARNING);
            assertThat(rec.get("registrations_last_hour").value()).isEqualTo(1.0);
            JsonNode line = JSON.readTree(r.toJsonLine());
            assertThat(line.at("/metrics/errors").isNull()).isTrue();
            assertThat(line.at("/query_failures/0/connection_problem").asBoolean()).isFalse();
        } finally {
            rename("audit_log_gone", "audit_log");
        }

        rename("payment_transactions", "payments_gone");
        try {
            BusinessReport r = run();
            assertThat(r.rulesNotEvaluated()).containsExactly(BusinessRules.HIGH_PAYMENT_FAILURES, BusinessRules.ZERO_REVENUE);
            assertThat(r.findings()).isEmpty();
            assertThat(r.health()).isEqualTo(BusinessHealth.UNKNOWN);   // not "healthy": two rules were not checked
            assertThat(records(r).get("health").status()).isEqualTo(Status.UNAVAILABLE);
            assertThat(records(r).get("revenue_24h_cents").value()).isNull();
        } finally {
            rename("payments_gone", "payment_transactions");
        }
    }

    @Test
    void operatorEditedFilesReplaceTheShippedOnesAndBadSqlIsReported(@TempDir Path dir) throws Exception {
        healthyActivity();
        Files.writeString(dir.resolve("orders.sql"), "SELEC COUNT(*) AS total FROM orders WHERE created_at >= :since_1h");
        Files.writeString(dir.resolve("registrations.sql"), """
                -- only count confirmed addresses
                SELECT COUNT(*) AS total,
                       COUNT(CASE WHEN created_at >= :since_1h THEN 1 END) AS last_hour,
                       COUNT(CASE WHEN created_at >= :since_24h AND email LIKE '%@example.test' THEN 1 END) AS last_24h
                FROM profiles""");
        Files.writeString(dir.resolve("payments.sql"), "SELECT COUNT(*) AS total FROM payment_transactions WHERE created_at >= :since_2h");
        BusinessQueries queries = BusinessQueries.overriddenBy(dir);
        assertThat(queries.sources().get("errors")).isEqualTo("classpath:/sql/business/errors.sql");

        BusinessReport r = run(queries);
        assertThat(r.snapshot().registrations().value()).isEqualTo(new Registrations(3, 1, 2));
        assertThat(r.queryFailures()).extracting(f -> f.query()).containsExactly("orders", "payments");
        assertThat(r.queryFailures().get(0).message()).containsIgnoringCase("syntax");
        assertThat(r.queryFailures().get(1).message()).contains(":since_2h");
        assertThat(r.queryFailures()).noneMatch(f -> f.connectionProblem());
        assertThat(r.snapshot().errors().available()).isTrue();
    }

    private void emptyTablesQuietly() {
        try {
            emptyTables();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void rename(String from, String to) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("ALTER TABLE " + from + " RENAME TO " + to);
        }
    }
}
