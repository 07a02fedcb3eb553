package io.releasewatch.checks.business;

import io.releasewatch.support.PostgresTestServer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The business rules on a real PostgreSQL 14 with the guide's schema (timestamptz columns). */
class BusinessMetricsPostgresTest extends BusinessRulesContract {
    private static PostgresTestServer server;
    private static DataSource shopDb;

    @BeforeAll
    static void start() {
        server = PostgresTestServer.start(false);
        server.createDatabase("shop");
        shopDb = server.database("shop");
        server.runScript(shopDb, "/sql/shop-schema-postgres.sql");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Override
    DataSource dataSource() {
        return shopDb;
    }
}
