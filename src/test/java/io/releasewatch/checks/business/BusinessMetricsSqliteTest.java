package io.releasewatch.checks.business;

import io.releasewatch.support.PostgresTestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The same SQL files and rules on SQLite, whose time columns hold epoch milliseconds; the schema is the demo platform's. */
class BusinessMetricsSqliteTest extends BusinessRulesContract {
    @TempDir
    static Path dir;
    private static SQLiteDataSource shopDb;

    @BeforeAll
    static void create() throws SQLException {
        shopDb = new SQLiteDataSource();
        shopDb.setUrl("jdbc:sqlite:" + dir.resolve("shop.db"));
        try (Connection c = shopDb.getConnection(); Statement s = c.createStatement()) {
            String ddl = PostgresTestServer.read("/demo/shop-schema-sqlite.sql").replaceAll("(?m)^--.*$", "");
            for (String stmt : ddl.split(";")) {
                if (!stmt.isBlank()) s.execute(stmt);
            }
        }
    }

    @Override
    DataSource dataSource() {
        return shopDb;
    }
}
