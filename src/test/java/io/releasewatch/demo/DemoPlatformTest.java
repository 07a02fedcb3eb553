package io.releasewatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DemoPlatformTest {
    private static final String EMAIL = "tester@demo.local";
    private static final String PASSWORD = "s3cret-pass";

    private DemoPlatform platform;
    private PlatformClient client;

    @BeforeEach
    void start() {
        platform = new DemoPlatform(EMAIL, PASSWORD).start(0);
        client = new PlatformClient(platform.baseUrl());
    }

    @AfterEach
    void stop() {
        platform.stop();
    }

    @Test
    void listensOnAnEphemeralLoopbackPort() {
        assertThat(platform.port()).isPositive();
        assertThat(platform.baseUrl()).isEqualTo("http://127.0.0.1:" + platform.port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/api/health", "/api/health/database", "/api/health/providers",
            "/api/health/payments", "/api/health/notifications", "/api/mobile/health"})
    void healthEndpointsAreOkWithoutFaults(String path) {
        HttpResponse<String> r = client.get(path);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void homepageIsHtml() {
        HttpResponse<String> r = client.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
        assertThat(r.body()).contains("<html").contains("</html>");
    }

    @Test
    void unknownPathIsJson404AndWrongMethodIs405() {
        HttpResponse<String> missing = client.get("/no/such/page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(missing.body()).contains("\"error\"");

        HttpResponse<String> wrongMethod = client.method("PUT", "/health");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @ParameterizedTest(name = "{0} makes {1} answer {2}")
    @CsvSource({
            "app-down, /health, 503",
            "database-down, /api/health/database, 503",
            "api-down, /api/health, 500",
            "providers-degraded, /api/health/providers, 503",
            "payments-503, /api/health/payments, 503"})
    void faultFlipsItsEndpointAndBack(String fault, String path, int failingStatus) {
        assertThat(client.get(path).statusCode()).isEqualTo(200);

        HttpResponse<String> on = client.post("/demo/faults/" + fault, "");
        assertThat(on.statusCode()).isEqualTo(200);
        assertThat(on.body()).contains("\"active\":true");
        assertThat(platform.activeFaults()).containsExactly(fault);
        assertThat(client.get(path).statusCode()).isEqualTo(failingStatus);
        // Only the faulted endpoint fails.
        assertThat(client.get("/api/health/notifications").statusCode()).isEqualTo(200);

        HttpResponse<String> off = client.delete("/demo/faults/" + fault);
        assertThat(off.statusCode()).isEqualTo(200);
        assertThat(platform.activeFaults()).isEmpty();
        assertThat(client.get(path).statusCode()).isEqualTo(200);
    }

    @Test
    void faultListShowsEveryFaultAndItsState() {
        platform.setFault("errors", true);
        HttpResponse<String> r = client.get("/demo/faults");
        assertThat(r.statusCode()).isEqualTo(200);
        for (String id : List.of("app-down", "database-down", "api-down", "providers-degraded", "payments-503",
                "homepage-slow", "api-slow", "mobile-slow", "errors", "registration-broken", "signin-broken",
                "payments-failing", "no-deliveries", "no-registrations", "zero-revenue")) {
            assertThat(r.body()).contains("\"name\":\"" + id + "\",\"active\":" + id.equals("errors"));
        }
    }

    @Test
    void unknownFaultIs404ListingTheKnownOnes() {
        HttpResponse<String> r = client.post("/demo/faults/disk-full", "");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("\"known\":[\"app-down\"").contains("\"signin-broken\"");
        assertThat(client.delete("/demo/faults/disk-full").statusCode()).isEqualTo(404);
        assertThat(platform.activeFaults()).isEmpty();
        assertThatThrownBy(() -> platform.setFault("disk-full", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void homepageSlowDelaysOnlyTheHomepage() throws Exception {
        platform.setFault("homepage-slow", true);
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> slow = client.getAsync("/");

        // Keep calling /health for a second, so the slow request is certainly being served meanwhile.
        int fastCalls = 0;
        while (millisSince(start) < 1000) {
            long t = System.nanoTime();
            assertThat(client.get("/health").statusCode()).isEqualTo(200);
            assertThat(millisSince(t)).isLessThan(500);
            fastCalls++;
        }
        assertThat(fastCalls).isPositive();
        assertThat(slow).isNotDone();

        HttpResponse<String> page = slow.get(10, TimeUnit.SECONDS);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(DemoPlatform.HOMEPAGE_SLOW_MILLIS);
    }

    @Test
    void apiAndMobileSlowDelayTheirEndpointsInParallel() throws Exception {
        platform.setFault("api-slow", true);
        platform.setFault("mobile-slow", true);
        long start = System.nanoTime();
        CompletableFuture<Long> api = client.getAsync("/api/health").thenApply(r -> millisSince(start));
        CompletableFuture<Long> mobile = client.getAsync("/api/mobile/health").thenApply(r -> millisSince(start));

        assertThat(api.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(DemoPlatform.API_SLOW_MILLIS);
        assertThat(mobile.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(DemoPlatform.MOBILE_SLOW_MILLIS);
        // Served side by side, not one after the other.
        assertThat(millisSince(start)).isLessThan(DemoPlatform.API_SLOW_MILLIS + DemoPlatform.MOBILE_SLOW_MILLIS);

        platform.setFault("api-slow", false);
        long t = System.nanoTime();
        assertThat(client.get("/api/health").statusCode()).isEqualTo(200);
        assertThat(millisSince(t)).isLessThan(1000);
    }

    @Test
    void registerCreatesAUserOnceAndValidatesInput() {
        String body = "{\"email\":\"new.user@example.com\",\"password\":\"pw-123\",\"first_name\":\"Ada\",\"last_name\":\"L\"}";
        HttpResponse<String> created = client.post("/api/auth/register", body);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).matches("\\{\"id\":\\d+,\"email\":\"new.user@example.com\"}");

        assertThat(client.post("/api/auth/register", body).statusCode()).isEqualTo(409);
        assertThat(client.post("/api/auth/register", body.replace("new.user", "NEW.USER")).statusCode())
                .as("emails are case-insensitive").isEqualTo(409);
        assertThat(client.post("/api/auth/register",
                "{\"email\":\"" + EMAIL + "\",\"password\":\"x\",\"first_name\":\"A\",\"last_name\":\"B\"}").statusCode())
                .as("the test account's email is taken").isEqualTo(409);

        HttpResponse<String> missing = client.post("/api/auth/register",
                "{\"email\":\"other@example.com\",\"password\":\"pw\",\"first_name\":\"Ada\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("last_name");

        assertThat(client.post("/api/auth/register",
                "{\"email\":\"not-an-email\",\"password\":\"pw\",\"first_name\":\"A\",\"last_name\":\"B\"}").statusCode())
                .isEqualTo(400);
        assertThat(client.post("/api/auth/register", "{\"email\":").statusCode()).isEqualTo(400);
    }

    @Test
    void signInWorksForTheTestAccountAndRegisteredUsers() {
        HttpResponse<String> ok = client.post("/api/auth/signin",
                "{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"token_type\":\"bearer\"");
        String first = token(ok);
        assertThat(first).hasSizeGreaterThanOrEqualTo(32);
        String second = token(client.post("/api/auth/signin",
                "{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}"));
        assertThat(second).as("tokens are random per sign-in").isNotEqualTo(first);

        assertThat(client.post("/api/auth/signin",
                "{\"email\":\"" + EMAIL + "\",\"password\":\"wrong\"}").statusCode()).isEqualTo(401);
        assertThat(client.post("/api/auth/signin",
                "{\"email\":\"nobody@example.com\",\"password\":\"" + PASSWORD + "\"}").statusCode()).isEqualTo(401);

        client.post("/api/auth/register",
                "{\"email\":\"buyer@example.com\",\"password\":\"buyer-pw\",\"first_name\":\"B\",\"last_name\":\"U\"}");
        assertThat(client.post("/api/auth/signin",
                "{\"email\":\"buyer@example.com\",\"password\":\"buyer-pw\"}").statusCode()).isEqualTo(200);
        assertThat(client.post("/api/auth/signin",
                "{\"email\":\"buyer@example.com\",\"password\":\"" + PASSWORD + "\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void ordersNeedAValidBearerToken() {
        assertThat(client.post("/api/orders", "{}").statusCode()).isEqualTo(401);
        assertThat(client.post("/api/orders", "{}", "made-up-token").statusCode()).isEqualTo(401);

        String token = token(client.post("/api/auth/signin",
                "{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}"));
        HttpResponse<String> order = client.post("/api/orders", "{\"item\":\"reading\"}", token);
        assertThat(order.statusCode()).isEqualTo(201);
        assertThat(order.body()).matches("\\{\"id\":\\d+.*");
    }

    @Test
    void journeyFaultsBreakRegistrationAndSignIn() {
        platform.setFault("registration-broken", true);
        assertThat(client.post("/api/auth/register",
                "{\"email\":\"x@example.com\",\"password\":\"p\",\"first_name\":\"X\",\"last_name\":\"Y\"}").statusCode())
                .isEqualTo(500);
        platform.setFault("signin-broken", true);
        assertThat(client.post("/api/auth/signin",
                "{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}").statusCode()).isEqualTo(503);

        platform.setFault("registration-broken", false);
        platform.setFault("signin-broken", false);
        assertThat(client.post("/api/auth/register",
                "{\"email\":\"x@example.com\",\"password\":\"p\",\"first_name\":\"X\",\"last_name\":\"Y\"}").statusCode())
                .as("the broken attempt stored nothing").isEqualTo(201);
        assertThat(client.post("/api/auth/signin",
                "{\"email\":\"x@example.com\",\"password\":\"p\"}").statusCode()).isEqualTo(200);
    }

    private static String token(HttpResponse<String> signIn) {
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(signIn.body());
        assertThat(m.find()).as("token in %s", signIn.body()).isTrue();
        return m.group(1);
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
