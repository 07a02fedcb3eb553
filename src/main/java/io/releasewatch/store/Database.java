package io.releasewatch.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/**
 * The monitor's own SQLite database: one writer connection and one reader connection (WAL lets readers run
 * beside the writer), each serialised by its own lock. The stores in this package are the only users.
 */
public final class Database implements AutoCloseable {
    private final Path file;
    private final Connection writer;
    private final Connection reader;

    public Database(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.writer = open(file);
            applySchema(writer);
            this.reader = open(file);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot open the monitor store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Work on the database that must not be split: commits at the end or rolls back on any failure. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public Path file() {
        return file;
    }

    public <T> T read(Work<T> work) {
        synchronized (reader) {
            try {
                return work.run(reader);
            } catch (SQLException e) {
                throw new StoreException("reading the store failed: " + e.getMessage(), e);
            }
        }
    }

    public <T> T transaction(Work<T> work) {
        synchronized (writer) {
            try {
                writer.setAutoCommit(false);
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    writer.rollback();
                } catch (SQLException ignored) {
                    // the original failure is what the caller needs to see
                }
                throw e instanceof StoreException se ? se : new StoreException("writing the store failed: " + e.getMessage(), e);
            } finally {
                try {
                    writer.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the next use reports a broken connection
                }
            }
        }
    }

    /** One statement in its own transaction. */
    public int update(String sql, Object... args) {
        return transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                return ps.executeUpdate();
            }
        });
    }

    static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) ps.setNull(i + 1, Types.NULL);
            else if (a instanceof Long l) ps.setLong(i + 1, l);
            else if (a instanceof Integer n) ps.setInt(i + 1, n);
            else if (a instanceof Double d) ps.setDouble(i + 1, d);
            else if (a instanceof Boolean b) ps.setInt(i + 1, b ? 1 : 0);
            else ps.setString(i + 1, a.toString());
        }
    }

    private static Connection open(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
        }
        return c;
    }

    private static void applySchema(Connection c) throws IOException, SQLException {
        String ddl;
        try (InputStream in = Database.class.getResourceAsStream("/store/sqlite-schema.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Statement s = c.createStatement()) {
            for (String stmt : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!stmt.isBlank()) s.execute(stmt);
            }
        }
    }

    @Override
    public void close() {
        for (Connection c : List.of(writer, reader)) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing at shutdown: nothing left to protect
            }
        }
    }
}
