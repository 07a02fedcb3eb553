package io.releasewatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasewatch.support.MutableClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform's endpoints write to its business database at the clock's time, the business faults switch
 * like the others, and the background ticks follow the clock.
 */
class DemoBusinessEndpointsTest {
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    static final String EMAIL = "watcher@demo.local";
    static final String PASSWORD = "s3cret";

    @TempDir
    Path dir;
    MutableClock clock;
    DemoPlatform platform;
    PlatformClient client;
    ShopDb db;

    @BeforeEach
    void start() {
        clock = new MutableClock(T0);
        platform = DemoPlatform.builder(EMAIL, PASSWORD).clock(clock).businessDatabase(dir.resolve("shop.db"))
                .businessHistory(Duration.ZERO).random(new Random(11)).build().start(0);
        client = new PlatformClient(platform.baseUrl());
        db = new ShopDb(platform.businessJdbcUrl());
    }

    @AfterEach
    void stop() {
        platform.stop();
    }

    HttpResponse<String> register(String email) {
        return client.post("/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"pw-1\",\"first_name\":\"A\",\"last_name\":\"B\"}");
    }

    String signIn(String email, String password) {
        HttpResponse<String> r = client.post("/api/auth/signin",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(r.body());
        assertThat(m.find()).as("token in %s", r.body()).isTrue();
        return m.group(1);
    }

    static long id(HttpResponse<String> r) {
        Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(r.body());
        assertThat(m.find()).as("id in %s", r.body()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void registrationAddsAProfileAtTheClocksTime() {
        clock.advance(Duration.ofMinutes(5));
        assertThat(register("Alice@Example.com").statusCode()).isEqualTo(201);
        assertThat(db.count("SELECT COUNT(*) FROM profiles WHERE email = 'alice@example.com' AND created_at = ?",
                T0.plus(Duration.ofMinutes(5)))).isEqualTo(1);

        assertThat(register("alice@example.com").statusCode()).as("taken").isEqualTo(409);
        assertThat(db.count("SELECT COUNT(*) FROM profiles WHERE email = 'alice@example.com'")).isEqualTo(1);
    }

    @Test
    void anOrderAddsTheOrderAndItsPayment() {
        register("bob@example.com");
        long profile = db.count("SELECT id FROM profiles WHERE email = 'bob@example.com'");
        String token = signIn("bob@example.com", "pw-1");
        assertThat(db.count("SELECT COUNT(*) FROM audit_log WHERE event = 'login' AND detail = 'bob@example.com' AND created_at = ?", T0))
                .isEqualTo(1);

        clock.advance(Duration.ofMinutes(3));
        Instant at = clock.instant();
        HttpResponse<String> r = client.post("/api/orders", "{\"item\":\"lamp\",\"amount_cents\":4321}", token);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).matches("\\{\"id\":\\d+,\"status\":\"created\",\"amount_cents\":4321,\"payment_status\":\"succeeded\"}");
        long order = id(r);
        assertThat(db.rows("SELECT profile_id, status, amount_cents, created_at, delivered_at FROM orders WHERE id = " + order))
                .containsExactly(profile + "|created|4321|" + at.toEpochMilli() + "|null");
        assertThat(db.rows("SELECT status, amount_cents, created_at FROM payment_transactions WHERE order_id = " + order))
                .containsExactly("succeeded|4321|" + at.toEpochMilli());

        HttpResponse<String> any = client.post("/api/orders", "{}", signIn(EMAIL, PASSWORD));
        assertThat(any.statusCode()).isEqualTo(201);
        long cents = db.count("SELECT amount_cents FROM orders WHERE id = " + id(any));
        assertThat(cents).as("a random realistic amount").isBetween(299L, 49_999L);
        assertThat(db.count("SELECT COUNT(*) FROM orders WHERE id = " + id(any) + " AND profile_id IS NULL"))
                .as("the test account has no profile row").isEqualTo(1);

        for (String bad : List.of("0", "-5", "12.5", "\"lots\"", "10000001")) {
            assertThat(client.post("/api/orders", "{\"amount_cents\":" + bad + "}", token).statusCode()).as(bad).isEqualTo(400);
        }
        assertThat(db.count("SELECT COUNT(*) FROM orders")).isEqualTo(2);
    }

    @Test
    void paymentFaultsFailTheOrdersPayment() {
        String token = signIn(EMAIL, PASSWORD);
        assertThat(client.post("/demo/faults/zero-revenue", "").statusCode()).isEqualTo(200);
        HttpResponse<String> r = client.post("/api/orders", "{\"amount_cents\":999}", token);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).contains("\"status\":\"payment_failed\"").contains("\"payment_status\":\"failed\"");
        assertThat(db.rows("SELECT status FROM payment_transactions WHERE order_id = " + id(r))).containsExactly("failed");
        assertThat(db.count("SELECT COUNT(*) FROM audit_log WHERE event = 'payment_error'")).isEqualTo(1);

        assertThat(client.delete("/demo/faults/zero-revenue").statusCode()).isEqualTo(200);
        assertThat(client.post("/demo/faults/payments-failing", "").statusCode()).isEqualTo(200);
        int failed = 0;
        for (int i = 0; i < 10; i++) {
            failed += client.post("/api/orders", "{}", token).body().contains("\"payment_status\":\"failed\"") ? 1 : 0;
        }
        assertThat(failed).as("30 %% of 10").isEqualTo(3);
    }

    @Test
    void noRegistrationsAnswers503AndStoresNothing() {
        assertThat(client.post("/demo/faults/no-registrations", "").statusCode()).isEqualTo(200);
        HttpResponse<String> r = register("carol@example.com");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(db.count("SELECT COUNT(*) FROM profiles")).isZero();

        assertThat(client.delete("/demo/faults/no-registrations").statusCode()).isEqualTo(200);
        assertThat(register("carol@example.com").statusCode()).as("the refused attempt kept nothing").isEqualTo(201);
        assertThat(db.count("SELECT COUNT(*) FROM profiles")).isEqualTo(1);
    }

    @Test
    void noRegistrationsAlsoAnswers503WithoutABusinessDatabase() {
        DemoPlatform plain = new DemoPlatform(EMAIL, PASSWORD).start(0);
        try {
            plain.setFault("no-registrations", true);
            assertThat(new PlatformClient(plain.baseUrl()).post("/api/auth/register",
                    "{\"email\":\"d@example.com\",\"password\":\"p\",\"first_name\":\"D\",\"last_name\":\"E\"}").statusCode())
                    .isEqualTo(503);
        } finally {
            plain.stop();
        }
    }

    @Test
    void theBusinessFaultsAreListedWithTheirDescriptions() {
        platform.setFault("no-deliveries", true);
        String body = client.get("/demo/faults").body();
        for (String id : List.of("payments-failing", "no-deliveries", "no-registrations", "zero-revenue")) {
            Fault fault = Fault.byId(id).orElseThrow();
            assertThat(body).contains("{\"name\":\"" + id + "\",\"active\":" + id.equals("no-deliveries")
                    + ",\"description\":\"" + fault.description() + "\"}");
        }
        assertThat(platform.activeFaults()).containsExactly("no-deliveries");
    }

    @Test
    void theBackgroundTicksFollowTheClock() throws InterruptedException {
        Thread.sleep(1500);
        assertThat(db.count("SELECT COUNT(*) FROM profiles")).as("the clock stood still").isZero();

        clock.advance(Duration.ofHours(2));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (db.count("SELECT COUNT(*) FROM profiles") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(db.count("SELECT COUNT(*) FROM profiles")).isBetween(40L, 80L);
        assertThat(db.count("SELECT MAX(created_at) FROM audit_log")).isLessThanOrEqualTo(clock.instant().toEpochMilli());
    }
}
