package io.releasewatch.checks.business;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasewatch.checks.sql.SqlFailure;
import io.releasewatch.clock.Phase;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import io.releasewatch.support.PostgresTestServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The database goes away while the business queries run, and stays away for the next run. */
class BusinessMetricsOutageTest {
    private static final Instant NOW = Instant.parse("2025-03-01T14:00:00Z");
    private static PostgresTestServer server;
    private static DataSource shopDb;

    @BeforeAll
    static void start() {
        server = PostgresTestServer.start(false);
        server.createDatabase("shop");
        shopDb = server.database("shop");
        server.runScript(shopDb, "/sql/shop-schema-postgres.sql");
        new ShopActivity(shopDb).registration(NOW.minus(Duration.ofMinutes(5))).order(NOW.minus(Duration.ofMinutes(5)), "pending");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** Hands out connections that stop the server just before the second statement is prepared. */
    private static DataSource stoppingBeforeSecondQuery(DataSource real) {
        AtomicInteger prepared = new AtomicInteger();
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (ds, dsMethod, dsArgs) -> {
                    Object result = invoke(dsMethod, real, dsArgs);
                    if (!(result instanceof Connection c)) return result;
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (conn, method, args) -> {
                                if (method.getName().equals("prepareStatement") && prepared.incrementAndGet() == 2) server.stop();
                                return invoke(method, c, args);
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void serverStoppedMidRunThenDown() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        BusinessMetrics midRun = new BusinessMetrics(stoppingBeforeSecondQuery(shopDb), BusinessQueries.shipped(),
                BusinessRules.guideDefaults(), clock, Duration.ofSeconds(10));

        BusinessReport r = midRun.run();

        // the first query ran before the stop; the second met the dying server; the last two were not attempted
        assertThat(r.snapshot().registrations().value()).isEqualTo(new Registrations(1, 1, 1));
        assertThat(r.queryFailures()).extracting(SqlFailure::query).containsExactly("orders", "payments", "errors");
        assertThat(r.queryFailures()).allMatch(SqlFailure::connectionProblem);
        SqlFailure orders = r.queryFailures().get(0);
        assertThat(orders.sqlState()).matches("08\\d{3}|57P0[1-3]");
        assertThat(orders.message()).isNotBlank();
        assertThat(r.queryFailures().get(1).message()).startsWith("not run, the connection was lost").contains(orders.message());
        assertThat(r.databaseConnectionProblem()).isTrue();
        assertThat(r.rulesNotEvaluated()).containsExactly(BusinessRules.NO_DELIVERIES, BusinessRules.HIGH_PAYMENT_FAILURES,
                BusinessRules.ZERO_REVENUE);
        assertThat(r.health()).isEqualTo(BusinessHealth.UNKNOWN);

        MetricRecord failures = r.toRecords(Phase.INTENSIVE).stream().filter(m -> m.name().equals("query_failures")).findFirst().orElseThrow();
        assertThat(failures.status()).isEqualTo(Status.CRITICAL);
        assertThat(failures.details()).startsWith("database connection issues: ").contains(orders.message());
        JsonNode line = new ObjectMapper().readTree(r.toJsonLine());
        assertThat(line.at("/query_failures/0/connection_problem").asBoolean()).isTrue();
        assertThat(line.at("/metrics/user_registrations/last_hour").asLong()).isEqualTo(1);
        assertThat(line.at("/metrics/orders").isNull()).isTrue();
        assertThat(line.get("health_status").asText()).isEqualTo("UNKNOWN");

        // next run: the server is down, nothing connects
        BusinessReport down = new BusinessMetrics(shopDb, BusinessQueries.shipped(), BusinessRules.guideDefaults(), clock,
                Duration.ofSeconds(10)).run();
        assertThat(down.queryFailures()).extracting(SqlFailure::query).containsExactly("registrations", "orders", "payments", "errors");
        assertThat(down.queryFailures()).allSatisfy(f -> {
            assertThat(f.connectionProblem()).isTrue();
            assertThat(f.sqlState()).isEqualTo("08001");
            assertThat(f.message()).contains("refused");
        });
        assertThat(down.findings()).isEmpty();
        assertThat(down.rulesNotEvaluated()).hasSize(4);
        assertThat(down.toRecords(Phase.INTENSIVE)).filteredOn(m -> !m.name().equals("query_failures") && !m.name().equals("health"))
                .allSatisfy(m -> {
                    assertThat(m.value()).isNull();
                    assertThat(m.status()).isEqualTo(Status.UNAVAILABLE);
                });
    }
}
