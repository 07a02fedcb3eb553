package io.releasewatch.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The demo platform's business database: a SQLite file with the platform's application tables (profiles,
 * orders, payment_transactions, audit_log; times in epoch milliseconds), in WAL mode so the monitor can read
 * while the platform writes.
 *
 * <p>Every piece of work runs in its own short transaction on its own connection. They are serialised in this
 * process, so the platform never waits on itself for SQLite's write lock; a busy timeout covers the rare
 * checkpoint a reader may hold up.
 */
final class ShopDatabase {
    static final String SCHEMA_RESOURCE = "/demo/shop-schema-sqlite.sql";
    static final List<String> TABLES = List.of("profiles", "orders", "payment_transactions", "audit_log");
    private static final int BUSY_TIMEOUT_MILLIS = 5000;

    /** Work done inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    private final Path file;
    private final String jdbcUrl;
    private final SQLiteDataSource dataSource;

    private ShopDatabase(Path file) {
        this.file = file;
        this.jdbcUrl = "jdbc:sqlite:" + file;
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // The usual pairing with WAL: durable against crashes of this process, not fsync on every commit.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        this.dataSource = new SQLiteDataSource(config);
        this.dataSource.setUrl(jdbcUrl);
    }

    /**
     * Opens the file, creating it and its parent directories and the tables as needed; an existing file keeps
     * its rows.
     *
     * @throws IllegalStateException when the file cannot be created or is not a usable SQLite database
     */
    static ShopDatabase open(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the directory for business database " + absolute + ": " + e, e);
        }
        ShopDatabase db = new ShopDatabase(absolute);
        List<String> ddl = statements(schema());
        try {
            db.transaction(tx -> {
                try (Statement s = tx.connection.createStatement()) {
                    for (String stmt : ddl) {
                        s.execute(stmt);
                    }
                }
                return null;
            });
        } catch (IllegalStateException e) {
            Throwable reason = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot set up business database " + absolute + ": " + reason.getMessage(), e);
        }
        return db;
    }

    Path file() {
        return file;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /**
     * Runs the work in one transaction and commits it, or rolls it back and rethrows.
     *
     * @throws IllegalStateException wrapping the database's error
     */
    synchronized <T> T transaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Tx tx = new Tx(c)) {
                T result = work.run(tx);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("business database " + file + ": " + e.getMessage(), e);
        }
    }

    /** The statements of one transaction; prepared statements are made once per transaction and reused. */
    static final class Tx implements AutoCloseable {
        private final Connection connection;
        private PreparedStatement profile;
        private PreparedStatement order;
        private PreparedStatement payment;
        private PreparedStatement audit;

        private Tx(Connection connection) {
            this.connection = connection;
        }

        long insertProfile(String email, Instant at) throws SQLException {
            if (profile == null) {
                profile = prepareInsert("INSERT INTO profiles (email, created_at) VALUES (?, ?)");
            }
            profile.setString(1, email);
            profile.setLong(2, at.toEpochMilli());
            return insert(profile);
        }

        long insertOrder(Long profileId, String status, long amountCents, Instant at) throws SQLException {
            if (order == null) {
                order = prepareInsert("INSERT INTO orders (profile_id, status, amount_cents, created_at) VALUES (?, ?, ?, ?)");
            }
            if (profileId == null) {
                order.setNull(1, Types.INTEGER);
            } else {
                order.setLong(1, profileId);
            }
            order.setString(2, status);
            order.setLong(3, amountCents);
            order.setLong(4, at.toEpochMilli());
            return insert(order);
        }

        void insertPayment(long orderId, String status, long amountCents, Instant at) throws SQLException {
            if (payment == null) {
                payment = prepareInsert(
                        "INSERT INTO payment_transactions (order_id, status, amount_cents, created_at) VALUES (?, ?, ?, ?)");
            }
            payment.setLong(1, orderId);
            payment.setString(2, status);
            payment.setLong(3, amountCents);
            payment.setLong(4, at.toEpochMilli());
            payment.executeUpdate();
        }

        void audit(String event, String detail, Instant at) throws SQLException {
            if (audit == null) {
                audit = prepareInsert("INSERT INTO audit_log (event, detail, created_at) VALUES (?, ?, ?)");
            }
            audit.setString(1, event);
            audit.setString(2, detail);
            audit.setLong(3, at.toEpochMilli());
            audit.executeUpdate();
        }

        void setOrderStatus(long orderId, String status) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE orders SET status = ? WHERE id = ?")) {
                ps.setString(1, status);
                ps.setLong(2, orderId);
                ps.executeUpdate();
            }
        }

        /** The newest profile with this email (case-insensitively), if any. */
        Optional<Long> profileIdByEmail(String email) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT id FROM profiles WHERE LOWER(email) = LOWER(?) ORDER BY id DESC LIMIT 1")) {
                ps.setString(1, email);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            }
        }

        /** Up to {@code limit} profile ids, newest first. */
        List<Long> newestProfileIds(int limit) throws SQLException {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM profiles ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        }

        /** The latest created_at in any table, or empty for an empty database. */
        Optional<Instant> lastActivity() throws SQLException {
            StringBuilder sql = new StringBuilder("SELECT MAX(t) FROM (");
            for (int i = 0; i < TABLES.size(); i++) {
                sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT MAX(created_at) AS t FROM ").append(TABLES.get(i));
            }
            sql.append(')');
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
                rs.next();
                long t = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(t));
            }
        }

        /** Runs an UPDATE or DELETE with epoch-millisecond parameters; returns the rows changed. */
        int update(String sql, Instant... times) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int i = 0; i < times.length; i++) {
                    ps.setLong(i + 1, times[i].toEpochMilli());
                }
                return ps.executeUpdate();
            }
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement ps : new PreparedStatement[] {profile, order, payment, audit}) {
                if (ps != null) {
                    ps.close();
                }
            }
        }

        private PreparedStatement prepareInsert(String sql) throws SQLException {
            return connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
        }

        private static long insert(PreparedStatement ps) throws SQLException {
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no id generated");
                }
                return keys.getLong(1);
            }
        }
    }

    private static String schema() {
        try (InputStream in = ShopDatabase.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + SCHEMA_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's statements: comment lines dropped, split at semicolons (the schema has none elsewhere). */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        for (String stmt : script.replaceAll("(?m)^\\s*--.*$", "").split(";")) {
            if (!stmt.isBlank()) {
                out.add(stmt.strip());
            }
        }
        return out;
    }
}
