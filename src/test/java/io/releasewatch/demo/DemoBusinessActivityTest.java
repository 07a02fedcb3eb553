package io.releasewatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasewatch.support.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background business activity, driven by hand on a clock the test moves: what two hours of it look like,
 * what each business fault changes, and that old rows go.
 */
class DemoBusinessActivityTest {
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @TempDir
    Path dir;
    MutableClock clock;
    DemoPlatform platform;
    ShopDb db;

    @BeforeEach
    void create() {
        clock = new MutableClock(T0);
        platform = platform(dir.resolve("shop.db"), 7);
        db = new ShopDb(platform.businessJdbcUrl());
    }

    DemoPlatform platform(Path file, long seed) {
        return DemoPlatform.builder("t@demo.local", "pw").clock(clock).businessDatabase(file)
                .businessHistory(Duration.ZERO).random(new Random(seed)).build();
    }

    /** Moves the clock on and generates the activity of that time, as the ticks would. */
    void run(Duration d) {
        Instant from = clock.instant();
        clock.advance(d);
        platform.simulateBusiness(from, clock.instant());
    }

    long count(String sql, Object... params) {
        return db.count(sql, params);
    }

    @Test
    void createsTheSchemaEmptyInWalMode() {
        assertThat(platform.businessJdbcUrl()).isEqualTo("jdbc:sqlite:" + dir.resolve("shop.db").toAbsolutePath());
        assertThat(Files.isRegularFile(dir.resolve("shop.db"))).isTrue();
        assertThat(db.text("PRAGMA journal_mode")).isEqualTo("wal");
        for (String table : List.of("profiles", "orders", "payment_transactions", "audit_log")) {
            assertThat(count("SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
        assertThat(db.rows("SELECT name FROM pragma_table_info('orders') ORDER BY cid"))
                .containsExactly("id", "profile_id", "status", "amount_cents", "created_at", "delivered_at");
    }

    @Test
    void withoutABusinessDatabaseThereIsNoUrl() {
        DemoPlatform plain = new DemoPlatform("t@demo.local", "pw");
        assertThatThrownBy(plain::businessJdbcUrl).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFileThatCannotBeADatabaseFailsTheBuildWithTheReason() {
        assertThatThrownBy(() -> platform(dir, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot set up business database " + dir.toAbsolutePath() + ": ");
    }

    @Test
    void twoHoursOfNormalActivityLookLikeAShop() {
        run(Duration.ofHours(2));
        Instant end = clock.instant();

        assertThat(count("SELECT COUNT(*) FROM profiles")).isBetween(40L, 80L); // 30 an hour
        long orders = count("SELECT COUNT(*) FROM orders");
        assertThat(orders).isBetween(25L, 55L); // 20 an hour
        assertThat(count("SELECT COUNT(*) FROM payment_transactions")).isEqualTo(orders);
        assertThat(count("SELECT COUNT(*) FROM orders o WHERE (SELECT COUNT(*) FROM payment_transactions p "
                + "WHERE p.order_id = o.id AND p.amount_cents = o.amount_cents AND p.created_at = o.created_at) <> 1"))
                .as("orders without exactly one matching payment").isZero();
        assertThat(count("SELECT COUNT(*) FROM payment_transactions WHERE status = 'failed'") * 100.0 / orders)
                .as("failure share").isLessThanOrEqualTo(5.0);
        assertThat(count("SELECT COUNT(*) FROM payment_transactions WHERE status = 'succeeded'")).isPositive();
        assertThat(count("SELECT COUNT(*) FROM orders WHERE profile_id IS NULL")).as("orders of unknown customers")
                .isLessThanOrEqualTo(2);
        assertThat(count("SELECT MIN(amount_cents) FROM orders")).isGreaterThanOrEqualTo(299);
        assertThat(count("SELECT MAX(amount_cents) FROM orders")).isLessThanOrEqualTo(49_999);

        long delivered = count("SELECT COUNT(*) FROM orders WHERE status = 'delivered'");
        assertThat(delivered).as("orders older than 40 minutes are settled").isGreaterThanOrEqualTo(
                count("SELECT COUNT(*) FROM orders WHERE created_at <= ? AND status NOT IN ('payment_failed', 'cancelled')",
                        end.minus(Duration.ofMinutes(40))));
        assertThat(count("SELECT COUNT(*) FROM orders WHERE status = 'delivered' AND (delivered_at IS NULL "
                + "OR delivered_at < created_at + 600000 OR delivered_at > created_at + 2400000 OR delivered_at > ?)", end))
                .as("deliveries outside 10-40 minutes after creation").isZero();
        assertThat(count("SELECT COUNT(*) FROM orders WHERE status = 'cancelled'")).isLessThanOrEqualTo(orders / 5);
        assertThat(count("SELECT COUNT(*) FROM orders WHERE status <> 'delivered' AND delivered_at IS NOT NULL")).isZero();

        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE event = 'login'")).isBetween(80L, 160L); // 60 an hour
        long errors = count("SELECT COUNT(*) FROM audit_log WHERE event LIKE '%error%'");
        assertThat(errors).as("a handful of error events an hour").isBetween(2L, 30L);

        for (String table : List.of("profiles", "orders", "payment_transactions", "audit_log")) {
            assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE created_at <= ? OR created_at > ?", T0, end))
                    .as("%s rows outside the simulated window", table).isZero();
        }
    }

    @Test
    void theSameSeedAndWindowsGiveTheSameRows() {
        run(Duration.ofHours(1));
        clock = new MutableClock(T0);
        DemoPlatform twin = platform(dir.resolve("twin.db"), 7);
        twin.simulateBusiness(T0, T0.plus(Duration.ofHours(1)));
        ShopDb twinDb = new ShopDb(twin.businessJdbcUrl());
        for (String table : List.of("profiles", "orders", "payment_transactions", "audit_log")) {
            assertThat(twinDb.rows("SELECT * FROM " + table + " ORDER BY id"))
                    .isEqualTo(db.rows("SELECT * FROM " + table + " ORDER BY id")).isNotEmpty();
        }
    }

    @Test
    void paymentsFailingFailsAboutThirtyPercentUntilItIsOff() {
        platform.setFault("payments-failing", true);
        run(Duration.ofHours(3));
        long total = count("SELECT COUNT(*) FROM payment_transactions");
        long failed = count("SELECT COUNT(*) FROM payment_transactions WHERE status = 'failed'");
        assertThat(total).isGreaterThan(40);
        assertThat(failed * 100.0 / total).isBetween(25.0, 35.0);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE event = 'payment_error' AND detail LIKE 'order %'"))
                .as("each failed payment is logged").isEqualTo(failed);
        assertThat(count("SELECT COUNT(*) FROM orders WHERE status = 'payment_failed'")).isEqualTo(failed);

        Instant repaired = clock.instant();
        platform.setFault("payments-failing", false);
        run(Duration.ofHours(3));
        long totalAfter = count("SELECT COUNT(*) FROM payment_transactions WHERE created_at > ?", repaired);
        long failedAfter = count("SELECT COUNT(*) FROM payment_transactions WHERE created_at > ? AND status = 'failed'", repaired);
        assertThat(totalAfter).isGreaterThan(40);
        assertThat(failedAfter * 100.0 / totalAfter).isLessThanOrEqualTo(5.0);
    }

    @Test
    void noDeliveriesStopsDeliveriesAndTheBacklogGoesOutAfterwards() {
        run(Duration.ofHours(2));
        long deliveredBefore = count("SELECT COUNT(*) FROM orders WHERE status = 'delivered'");
        assertThat(deliveredBefore).isPositive();

        platform.setFault("no-deliveries", true);
        run(Duration.ofHours(3));
        assertThat(count("SELECT COUNT(*) FROM orders WHERE status = 'delivered'")).isEqualTo(deliveredBefore);
        long waiting = count("SELECT COUNT(*) FROM orders WHERE status = 'created' AND created_at < ?",
                clock.instant().minus(Duration.ofMinutes(40)));
        assertThat(waiting).as("paid orders overdue for delivery").isGreaterThan(20);

        Instant repaired = clock.instant();
        platform.setFault("no-deliveries", false);
        run(Duration.ofMinutes(1));
        assertThat(count("SELECT COUNT(*) FROM orders WHERE status = 'delivered' AND delivered_at = ?", repaired))
                .as("the backlog is delivered when the fault goes").isGreaterThanOrEqualTo(waiting);
    }

    @Test
    void noRegistrationsStopsNewProfilesButNotOrders() {
        run(Duration.ofHours(1));
        long profiles = count("SELECT COUNT(*) FROM profiles");
        assertThat(profiles).isPositive();

        platform.setFault("no-registrations", true);
        run(Duration.ofHours(2));
        assertThat(count("SELECT COUNT(*) FROM profiles")).isEqualTo(profiles);
        assertThat(count("SELECT COUNT(*) FROM orders WHERE created_at > ?", T0.plus(Duration.ofHours(1)))).isPositive();
    }

    @Test
    void zeroRevenueFailsEveryPayment() {
        run(Duration.ofHours(1));
        long succeeded = count("SELECT COUNT(*) FROM payment_transactions WHERE status = 'succeeded'");
        assertThat(succeeded).isPositive();

        Instant broken = clock.instant();
        platform.setFault("zero-revenue", true);
        run(Duration.ofHours(2));
        assertThat(count("SELECT COUNT(*) FROM payment_transactions WHERE status = 'succeeded'")).isEqualTo(succeeded);
        long failed = count("SELECT COUNT(*) FROM payment_transactions WHERE created_at > ? AND status = 'failed'", broken);
        assertThat(failed).isGreaterThan(20)
                .isEqualTo(count("SELECT COUNT(*) FROM payment_transactions WHERE created_at > ?", broken));
        assertThat(count("SELECT COUNT(*) FROM orders WHERE created_at > ? AND status <> 'payment_failed'", broken)).isZero();
    }

    @Test
    void rowsOlderThanSevenDaysArePruned() {
        run(Duration.ofHours(1));
        long firstHour = count("SELECT COUNT(*) FROM audit_log");
        assertThat(firstHour).isPositive();

        // Six days on, the first hour is still inside the retention.
        clock.advance(Duration.ofDays(6));
        run(Duration.ofMinutes(1));
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE created_at <= ?", T0.plus(Duration.ofHours(1))))
                .isEqualTo(firstHour);

        // Eight days on, it is gone from every table.
        clock.advance(Duration.ofDays(2));
        run(Duration.ofMinutes(1));
        Instant cutoff = clock.instant().minus(Duration.ofDays(7));
        for (String table : List.of("profiles", "orders", "payment_transactions", "audit_log")) {
            assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE created_at < ?", cutoff)).as(table).isZero();
        }
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE created_at <= ?", T0.plus(Duration.ofHours(1)))).isZero();
    }

    @Test
    void aWindowLongerThanTheRetentionIsCutToIt() {
        Instant end = T0.plus(Duration.ofDays(30));
        platform.simulateBusiness(T0, end);
        assertThat(count("SELECT MIN(created_at) FROM profiles"))
                .isGreaterThanOrEqualTo(end.minus(Duration.ofDays(7)).toEpochMilli());
        assertThat(count("SELECT COUNT(*) FROM profiles")).isBetween(4000L, 6100L); // 7 x 24 x 30 = 5040
    }

    @Test
    void aNewDatabaseIsBackfilledAndAReopenedOneResumesWhereItStopped() {
        Path file = dir.resolve("backfilled.db");
        DemoPlatform first = DemoPlatform.builder("t@demo.local", "pw").clock(clock).businessDatabase(file)
                .random(new Random(3)).build();
        ShopDb shop = new ShopDb(first.businessJdbcUrl());
        long day = shop.count("SELECT COUNT(*) FROM profiles");
        assertThat(day).as("24 h of registrations").isBetween(600L, 840L);
        assertThat(shop.count("SELECT MIN(created_at) FROM profiles"))
                .isGreaterThan(T0.minus(Duration.ofHours(24)).toEpochMilli());
        assertThat(shop.count("SELECT MAX(created_at) FROM audit_log")).isLessThanOrEqualTo(T0.toEpochMilli());

        clock.advance(Duration.ofHours(2));
        DemoPlatform.builder("t@demo.local", "pw").clock(clock).businessDatabase(file).random(new Random(4)).build();
        long gap = shop.count("SELECT COUNT(*) FROM profiles") - day;
        assertThat(gap).as("the two hours the file lay unused, not another day").isBetween(40L, 80L);
        assertThat(shop.count("SELECT COUNT(*) FROM profiles WHERE created_at > ?", clock.instant())).isZero();
    }
}
