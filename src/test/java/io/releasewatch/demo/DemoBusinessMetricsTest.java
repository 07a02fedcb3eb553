package io.releasewatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasewatch.checks.business.BusinessHealth;
import io.releasewatch.checks.business.BusinessMetrics;
import io.releasewatch.checks.business.BusinessQueries;
import io.releasewatch.checks.business.BusinessReport;
import io.releasewatch.checks.business.BusinessRules;
import io.releasewatch.checks.business.Finding;
import io.releasewatch.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The monitor's own business check (the shipped SQL files and the guide's rules) run against the demo
 * platform's database, on the clock the platform writes with: normal activity passes, and each business fault
 * brings the finding it is there to demonstrate.
 */
class DemoBusinessMetricsTest {
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @TempDir
    Path dir;
    MutableClock clock;
    DemoPlatform platform;
    BusinessMetrics monitor;

    @BeforeEach
    void create() {
        clock = new MutableClock(T0);
        platform = DemoPlatform.builder("t@demo.local", "pw").clock(clock).businessDatabase(dir.resolve("shop.db"))
                .businessHistory(Duration.ZERO).random(new Random(5)).build();
        monitor = monitor(platform);
    }

    /** The monitor's check on a read-only connection of its own, as in production. */
    BusinessMetrics monitor(DemoPlatform p) {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        SQLiteDataSource ds = new SQLiteDataSource(readOnly);
        ds.setUrl(p.businessJdbcUrl());
        return new BusinessMetrics(ds, BusinessQueries.shipped(), BusinessRules.guideDefaults(), clock, Duration.ofSeconds(10));
    }

    void run(Duration d) {
        Instant from = clock.instant();
        clock.advance(d);
        platform.simulateBusiness(from, clock.instant());
    }

    static List<String> codes(BusinessReport r) {
        assertThat(r.queryFailures()).isEmpty();
        return r.findings().stream().map(Finding::code).toList();
    }

    @Test
    void normalActivityIsHealthy() {
        run(Duration.ofHours(2));
        BusinessReport early = monitor.run();
        assertThat(codes(early)).isEmpty();
        assertThat(early.health()).isEqualTo(BusinessHealth.HEALTHY);
        assertThat(early.snapshot().registrations().value().lastHour()).isBetween(15L, 45L);
        assertThat(early.snapshot().orders().value().delivered24h()).isPositive();
        assertThat(early.snapshot().payments().value().revenue24hCents()).isPositive();

        run(Duration.ofHours(24));
        BusinessReport dayLater = monitor.run();
        assertThat(codes(dayLater)).isEmpty();
        assertThat(dayLater.health()).isEqualTo(BusinessHealth.HEALTHY);
        assertThat(dayLater.snapshot().payments().value().last24h()).isBetween(400L, 560L); // 20 an hour
        assertThat(dayLater.snapshot().payments().value().failurePercent24h()).isBetween(1.0, 3.0);
        assertThat(dayLater.snapshot().errors().value()).extracting(e -> e.event())
                .contains("checkout_error", "payment_error");
    }

    @Test
    void aFreshlyBackfilledDatabaseIsHealthyFromTheFirstRun() {
        DemoPlatform backfilled = DemoPlatform.builder("t@demo.local", "pw").clock(clock)
                .businessDatabase(dir.resolve("backfilled.db")).random(new Random(6)).build();
        BusinessReport r = monitor(backfilled).run();
        assertThat(codes(r)).isEmpty();
        assertThat(r.health()).isEqualTo(BusinessHealth.HEALTHY);
        assertThat(r.snapshot().orders().value().delivered24h()).isGreaterThan(300);
    }

    @Test
    void noDeliveriesForADayBringsTheNoDeliveriesFinding() {
        run(Duration.ofHours(2));
        platform.setFault("no-deliveries", true);

        run(Duration.ofHours(12));
        assertThat(codes(monitor.run())).as("deliveries from before the fault are within 24 h").isEmpty();

        run(Duration.ofHours(12).plusMinutes(1));
        BusinessReport r = monitor.run();
        assertThat(codes(r)).containsExactly(BusinessRules.NO_DELIVERIES);
        assertThat(r.health()).isEqualTo(BusinessHealth.DEGRADED);
        assertThat(r.snapshot().orders().value().delivered24h()).isZero();

        platform.setFault("no-deliveries", false);
        run(Duration.ofMinutes(1));
        assertThat(codes(monitor.run())).as("the backlog went out").isEmpty();
    }

    @Test
    void zeroRevenueBringsTheZeroRevenueFinding() {
        run(Duration.ofHours(2));
        platform.setFault("zero-revenue", true);
        run(Duration.ofHours(1));
        assertThat(codes(monitor.run())).as("earlier revenue is within 24 h")
                .doesNotContain(BusinessRules.ZERO_REVENUE).contains(BusinessRules.HIGH_PAYMENT_FAILURES);

        run(Duration.ofHours(23));
        BusinessReport r = monitor.run();
        // Failed payments never reach delivery, so a day of them also empties the deliveries.
        assertThat(codes(r)).contains(BusinessRules.ZERO_REVENUE, BusinessRules.HIGH_PAYMENT_FAILURES)
                .doesNotContain(BusinessRules.ZERO_REGISTRATIONS);
        assertThat(r.snapshot().payments().value().revenue24hCents()).isZero();
    }

    @Test
    void paymentsFailingBringsTheHighFailureFindingOnly() {
        run(Duration.ofHours(2));
        platform.setFault("payments-failing", true);
        run(Duration.ofHours(3));
        BusinessReport r = monitor.run();
        assertThat(codes(r)).containsExactly(BusinessRules.HIGH_PAYMENT_FAILURES);
        assertThat(r.snapshot().payments().value().failurePercent24h()).isBetween(10.0, 30.0);
    }

    @Test
    void noRegistrationsForAnHourBringsTheZeroRegistrationsFinding() {
        run(Duration.ofHours(2));
        platform.setFault("no-registrations", true);
        run(Duration.ofMinutes(30));
        assertThat(codes(monitor.run())).isEmpty();
        run(Duration.ofMinutes(31));
        assertThat(codes(monitor.run())).containsExactly(BusinessRules.ZERO_REGISTRATIONS);
    }
}
