package io.releasewatch.checks.postgres;

import static io.releasewatch.support.PostgresTestServer.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.releasewatch.checks.sql.SqlFiles;
import io.releasewatch.clock.Phase;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import io.releasewatch.support.PostgresTestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PostgresPerformanceTest {
    private static final Instant NOW = Instant.parse("2025-03-01T14:00:00Z");
    /** audit_log has 20,000 rows and is read 5 times without an index: 100,000 rows read sequentially. */
    private static final PostgresOptions OPTIONS = PostgresOptions.defaults().withSeqScanMinRowsRead(50_000);

    private static PostgresTestServer server;
    private static DataSource shop;

    @BeforeAll
    static void startServerWithActivity() throws SQLException {
        server = PostgresTestServer.start(true);
        server.createDatabase("shop");
        shop = server.database("shop");
        execute(shop, "CREATE EXTENSION pg_stat_statements");
        server.runScript(shop, "/sql/shop-schema-postgres.sql");
        server.runScript(shop, "/sql/shop-seed-postgres.sql");
        try (Connection c = shop.getConnection(); Statement s = c.createStatement()) {
            for (int i = 0; i < 3; i++) s.execute("SELECT pg_sleep(0.15)");               // the slowest statement
            for (int i = 0; i < 5; i++) s.execute("SELECT count(*) FROM audit_log WHERE event LIKE '%error%'"); // full scans
            try (PreparedStatement byId = c.prepareStatement("SELECT status FROM orders WHERE id = ?")) {
                for (int i = 1; i <= 50; i++) {
                    byId.setInt(1, i);
                    byId.executeQuery().close();
                }
            }
            s.executeUpdate("UPDATE orders SET status = 'delivered' WHERE id <= 100");
            s.executeUpdate("DELETE FROM payment_transactions WHERE id <= 5");
        }
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static PostgresPerformance check(DataSource ds) {
        return new PostgresPerformance(ds, OPTIONS, Duration.ofSeconds(10));
    }

    /** The statistics collector publishes table counters up to half a second after a transaction ends. */
    private static PostgresSnapshot collectOnceStatsArrive(PostgresPerformance check) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(check::collect,
                s -> s.seqScanHeavy().available() && !s.seqScanHeavy().value().isEmpty()
                        && s.tables().value().stream().anyMatch(t -> t.table().equals("orders") && t.updates() >= 100));
    }

    /** A query that runs until cancelled, on its own connection. */
    private record Sleeper(Connection connection, Statement statement, CompletableFuture<Void> done) implements AutoCloseable {
        static Sleeper start(DataSource ds) throws SQLException {
            Connection c = ds.getConnection();
            Statement s = c.createStatement();
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
                try {
                    s.execute("SELECT pg_sleep(60)");
                } catch (SQLException cancelled) {
                    // cancelled by close()
                }
            });
            return new Sleeper(c, s, done);
        }

        @Override
        public void close() throws SQLException {
            statement.cancel();
            done.join();
            connection.close();
        }
    }

    private static Map<String, MetricRecord> byName(List<MetricRecord> records) {
        return records.stream().collect(Collectors.toMap(MetricRecord::name, Function.identity()));
    }

    @Test
    void readsSessionsStatementsTableSizesAndScans() throws SQLException {
        PostgresPerformance check = check(shop);
        try (Sleeper sleeper = Sleeper.start(shop)) {
            PostgresSnapshot s = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> collectOnceStatsArrive(check), x -> x.longestActiveQuerySeconds().value() >= 1.0);

            assertThat(s.connectionFailure()).isEmpty();
            assertThat(s.serverVersion().value()).isGreaterThanOrEqualTo(140000);

            // sessions: the sleeper is the only active one; the monitor's own session is not counted
            ConnectionState active = s.connections().value().stream().filter(c -> c.state().equals("active")).findFirst().orElseThrow();
            assertThat(active.count()).isEqualTo(1);
            assertThat(active.oldestQuerySeconds()).isBetween(1.0, 60.0);

            ConnectionUse use = s.connectionUse().value();
            assertThat(use.max()).isEqualTo(Integer.parseInt(single(shop, "SHOW max_connections")));
            assertThat(use.used()).isGreaterThanOrEqualTo(2);  // the sleeper and the monitor
            assertThat(use.usedPercent()).isCloseTo(use.used() * 100.0 / use.max(), org.assertj.core.api.Assertions.within(1e-9));

            // statements: pg_sleep(0.15) x3 is among the slowest (the running pg_sleep(60) is not counted until it
            // ends). On a busy machine the seed's bulk INSERT or ANALYZE may be slower still, so no fixed rank.
            List<StatementStat> top = s.topStatements().value();
            assertThat(top).hasSize(10).isSortedAccordingTo((a, b) -> Double.compare(b.meanMs(), a.meanMs()));
            StatementStat sleep = top.stream().filter(st -> st.query().equals("SELECT pg_sleep($1)")).findFirst().orElseThrow();
            assertThat(sleep.calls()).isEqualTo(3);
            assertThat(sleep.rows()).isEqualTo(3);
            assertThat(sleep.meanMs()).isBetween(150.0, 5_000.0);
            assertThat(sleep.totalMs()).isCloseTo(sleep.meanMs() * 3, org.assertj.core.api.Assertions.within(1e-6));

            // table sizes per schema: public.orders and archive.orders are told apart
            Map<String, TableActivity> tables = s.tables().value().stream()
                    .collect(Collectors.toMap(TableActivity::qualifiedName, Function.identity()));
            assertThat(tables).containsKeys("public.profiles", "public.orders", "public.payment_transactions",
                    "public.audit_log", "archive.orders");
            assertThat(tables.get("public.orders").inserts()).isEqualTo(3000);
            assertThat(tables.get("public.orders").updates()).isEqualTo(100);
            assertThat(tables.get("archive.orders").inserts()).isEqualTo(10);
            assertThat(tables.get("public.payment_transactions").deletes()).isEqualTo(5);
            assertThat(tables.get("public.audit_log").totalBytes())
                    .isEqualTo(Long.parseLong(single(shop, "SELECT pg_total_relation_size('public.audit_log')")));
            assertThat(tables.get("archive.orders").totalBytes())
                    .isEqualTo(Long.parseLong(single(shop, "SELECT pg_total_relation_size('archive.orders')")));
            assertThat(s.tables().value()).isSortedAccordingTo((a, b) -> Long.compare(b.totalBytes(), a.totalBytes()));

            // sequential scans: audit_log read 5 x 20,000 rows without an index is heavy; orders is read by index
            TableScans audit = s.sequentialScans().value().get(0);
            assertThat(audit.qualifiedName()).isEqualTo("public.audit_log");
            assertThat(audit.seqRowsRead()).isGreaterThanOrEqualTo(100_000);
            assertThat(audit.indexScansOrZero()).isZero();
            assertThat(s.seqScanHeavy().value()).extracting(TableScans::qualifiedName).containsExactly("public.audit_log");

            Map<String, MetricRecord> r = byName(s.toRecords(NOW, Phase.INTENSIVE));
            assertThat(r.values()).allSatisfy(m -> {
                assertThat(m.type()).isEqualTo("postgres");
                assertThat(m.value()).isNotNull();
            });
            assertThat(r.get("database_reachable").value()).isEqualTo(1.0);
            assertThat(r.get("connections_active").value()).isEqualTo(1.0);
            assertThat(r.get("connections_idle_in_transaction").value()).isEqualTo(0.0);
            assertThat(r.get("connections_used_pct").value()).isEqualTo(use.usedPercent());
            assertThat(r.get("connections_used_pct").status()).isEqualTo(Status.OK);
            assertThat(r.get("longest_query_seconds").value()).isGreaterThanOrEqualTo(1.0);
            assertThat(r.get("slowest_statement_mean_ms").value()).isEqualTo(top.get(0).meanMs());
            assertThat(r.get("slowest_statement_mean_ms").details()).contains(top.get(0).calls() + " calls");
            assertThat(r.get("seq_scan_heavy_tables").value()).isEqualTo(1.0);
            assertThat(r.get("seq_scan_heavy_tables").status()).isEqualTo(Status.WARNING);
            assertThat(r.get("seq_scan_heavy_tables").details()).contains("public.audit_log");
            assertThat(r.get("table_size_bytes:archive.orders").value()).isEqualTo((double) tables.get("archive.orders").totalBytes());
            assertThat(r.get("table_size_bytes:public.orders").details()).contains("3000 inserts", "100 updates");
        }
    }

    @Test
    void theMonitorNeverCountsItselfAsActive() {
        PostgresSnapshot s = check(shop).collect();
        assertThat(s.connections().value()).noneMatch(c -> c.state().equals("active"));
        assertThat(byName(s.toRecords(NOW, Phase.INTENSIVE)).get("longest_query_seconds").value()).isEqualTo(0.0);
    }

    @Test
    void databaseWithoutTheExtensionReportsStatementsUnavailableOnceAndKeepsTheRest() {
        server.createDatabase("other");
        DataSource other = server.database("other");
        execute(other, "CREATE TABLE things (id int)");
        Logger logger = (Logger) LoggerFactory.getLogger(PostgresPerformance.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            PostgresPerformance check = check(other);
            PostgresSnapshot s = check.collect();
            check.collect();
            check.collect();

            assertThat(s.topStatements().available()).isFalse();
            assertThat(s.topStatements().reason()).contains("pg_stat_statements is not installed in database other",
                    "CREATE EXTENSION");
            assertThat(s.connectionFailure()).isEmpty();
            assertThat(s.connections().available()).isTrue();
            assertThat(s.connectionUse().available()).isTrue();
            assertThat(s.tables().value()).extracting(TableActivity::qualifiedName).containsExactly("public.things");

            MetricRecord slowest = byName(s.toRecords(NOW, Phase.INTENSIVE)).get("slowest_statement_mean_ms");
            assertThat(slowest.value()).isNull();
            assertThat(slowest.status()).isEqualTo(Status.UNAVAILABLE);
            assertThat(slowest.details()).contains("not installed");

            assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1)
                    .first().extracting(ILoggingEvent::getFormattedMessage).asString().contains("not installed");
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void monitoringRoleReadsEverythingAndWritesNothing() throws SQLException {
        String script = SqlFiles.classpath("/sql/postgres/monitoring-role.sql");
        execute(shop, script);
        execute(shop, script); // safe to run again
        DataSource asMonitor = server.database("release_watch", "shop");
        try (Sleeper sleeper = Sleeper.start(shop)) {  // the superuser's session, another role's to the monitor
            PostgresSnapshot s = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> check(asMonitor).collect(), x -> x.longestActiveQuerySeconds().asOptional().orElse(0.0) > 0.5);

            assertThat(s.connectionFailure()).isEmpty();
            assertThat(s.connections().value()).anyMatch(c -> c.state().equals("active") && c.count() == 1);
            assertThat(s.topStatements().value()).isNotEmpty()
                    .noneMatch(st -> st.query().equals("<insufficient privilege>"))
                    .anyMatch(st -> st.query().contains("pg_sleep"));
            assertThat(s.tables().value()).extracting(TableActivity::qualifiedName).contains("public.orders", "archive.orders");
            assertThat(s.sequentialScans().available()).isTrue();
        }
        try (Connection c = asMonitor.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM profiles")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2000);   // business metrics can read their tables
            }
            assertThat(catchSqlState(() -> st.executeUpdate("INSERT INTO profiles (email) VALUES ('x@example.test')")))
                    .isEqualTo("25006");                      // read-only transaction
            assertThat(catchSqlState(() -> st.executeQuery("SELECT count(*) FROM archive.orders")))
                    .isEqualTo("42501");                      // no table access beyond the granted ones
        }
    }

    @Test
    void withoutPgMonitorOtherSessionsAndStatementsAreHidden() throws SQLException {
        execute(shop, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'plain') THEN CREATE ROLE plain LOGIN; END IF; END $$");
        PostgresPerformance asPlain = check(server.database("plain", "shop"));
        try (Sleeper sleeper = Sleeper.start(shop)) {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> check(shop).collect().longestActiveQuerySeconds().value() > 0.5);
            PostgresSnapshot s = asPlain.collect();
            // the superuser's running query is invisible, which is why the monitoring role gets pg_monitor
            assertThat(s.connections().value()).noneMatch(c -> c.state().equals("active"));
            assertThat(s.topStatements().value()).anyMatch(st -> st.query().equals("<insufficient privilege>"));
        }
    }

    @Test
    void statementsColumnsFollowTheServerVersion() {
        assertThat(PostgresQueries.topStatementsName(120017)).isEqualTo("top-statements-pre13");
        assertThat(PostgresQueries.topStatementsName(130000)).isEqualTo("top-statements-pg13");
        assertThat(PostgresQueries.topStatementsName(170002)).isEqualTo("top-statements-pg13");
        assertThat(PostgresQueries.topStatements(120017).text()).contains("mean_time", "total_time", "stddev_time")
                .doesNotContain("mean_exec_time", "total_exec_time", "stddev_exec_time");
        assertThat(PostgresQueries.topStatements(140022).text())
                .contains("mean_exec_time", "total_exec_time", "stddev_exec_time");
        assertThat(PostgresQueries.topStatements(140022).names()).containsExactly("limit");
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static String catchSqlState(SqlAction action) {
        try {
            action.run();
            return "no error";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    static String single(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
