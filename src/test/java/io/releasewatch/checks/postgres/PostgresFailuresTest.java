package io.releasewatch.checks.postgres;

import static io.releasewatch.support.PostgresTestServer.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.releasewatch.clock.Phase;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import io.releasewatch.support.PostgresTestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A server whose pg_stat_statements is installed but not preloaded, and that is then stopped. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresFailuresTest {
    private static final Instant NOW = Instant.parse("2025-03-01T14:00:00Z");
    private static PostgresTestServer server;
    private static DataSource db;

    @BeforeAll
    static void start() {
        server = PostgresTestServer.start(false);
        db = server.database("postgres");
        execute(db, "CREATE EXTENSION pg_stat_statements");  // installs fine; reading it needs the preloaded library
        execute(db, "CREATE TABLE t (id int)");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    @Order(1)
    void extensionInstalledButNotPreloadedIsUnavailableWithTheServersMessage() {
        PostgresSnapshot s = new PostgresPerformance(db, PostgresOptions.defaults(), Duration.ofSeconds(10)).collect();

        assertThat(s.topStatements().available()).isFalse();
        assertThat(s.topStatements().reason()).contains("shared_preload_libraries", "restart");
        assertThat(s.topStatements().failure().sqlState()).isEqualTo("55000");
        assertThat(s.topStatements().failure().message()).contains("pg_stat_statements must be loaded via shared_preload_libraries");
        assertThat(s.connectionFailure()).isEmpty();
        assertThat(s.connections().available()).isTrue();
        assertThat(s.connectionUse().available()).isTrue();
        assertThat(s.tables().value()).extracting(TableActivity::qualifiedName).containsExactly("public.t");
    }

    @Test
    @Order(2)
    void insideTheCallersTransactionOneFailedQueryDoesNotAbortTheOthers() throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            PostgresSnapshot s = new PostgresPerformance(db, PostgresOptions.defaults(), Duration.ofSeconds(10)).collect(c);
            assertThat(s.topStatements().available()).isFalse();
            assertThat(s.tables().available()).isTrue();        // ran after the failure
            assertThat(s.sequentialScans().available()).isTrue();
            c.rollback();
        }
    }

    @Test
    @Order(3)
    void stoppedServerGivesAnUnreachableSnapshotWithTheDriversMessage() {
        server.stop();
        PostgresSnapshot s = new PostgresPerformance(db, PostgresOptions.defaults(), Duration.ofSeconds(10)).collect();

        assertThat(s.connectionFailure()).isPresent();
        assertThat(s.connectionFailure().get().sqlState()).isEqualTo("08001");
        assertThat(s.connectionFailure().get().message()).contains("refused");
        assertThat(s.connectionFailure().get().connectionProblem()).isTrue();

        List<MetricRecord> records = s.toRecords(NOW, Phase.INTENSIVE);
        MetricRecord reachable = records.get(0);
        assertThat(reachable.name()).isEqualTo("database_reachable");
        assertThat(reachable.value()).isEqualTo(0.0);
        assertThat(reachable.status()).isEqualTo(Status.CRITICAL);
        assertThat(reachable.details()).contains("refused");
        assertThat(records.subList(1, records.size())).isNotEmpty().allSatisfy(r -> {
            assertThat(r.value()).isNull();
            assertThat(r.status()).isEqualTo(Status.UNAVAILABLE);
            assertThat(r.details()).contains("refused");
        });
        assertThat(records).extracting(MetricRecord::name).contains("connections_used_pct", "connections_active",
                "longest_query_seconds", "slowest_statement_mean_ms", "seq_scan_heavy_tables", "table_size_bytes");
    }
}
