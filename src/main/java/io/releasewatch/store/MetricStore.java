package io.releasewatch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasewatch.alerting.Alert;
import io.releasewatch.clock.Phase;
import io.releasewatch.clock.PhaseChange;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The monitor's own store: every SQL statement the monitor runs against its database lives here, so a
 * PostgreSQL store shared by several instances can replace SQLite by swapping this one component.
 *
 * <p>SQLite in WAL mode allows one writer and concurrent readers, so writes and reads use separate
 * connections, each serialised by its own lock. Metric inserts come in batches, one transaction each.
 */
public final class MetricStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Alert.Line>> LINES = new TypeReference<>() { };

    private final Path file;
    private final Connection writer;
    private final Connection reader;

    public MetricStore(Path file) {
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

    private static Connection open(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
        }
        return c;
    }

    private static void applySchema(Connection c) throws IOException, SQLException {
        String ddl;
        try (InputStream in = MetricStore.class.getResourceAsStream("/store/sqlite-schema.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Statement s = c.createStatement()) {
            for (String stmt : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!stmt.isBlank()) s.execute(stmt);
            }
        }
    }

    public Path file() {
        return file;
    }

    // ---- metrics -------------------------------------------------------------------------------

    /** Stores a batch in one transaction and refreshes the latest value of each (type, name). */
    public void insertAll(List<MetricRecord> records) {
        if (records.isEmpty()) return;
        synchronized (writer) {
            try {
                writer.setAutoCommit(false);
                try (PreparedStatement ins = writer.prepareStatement(
                        "INSERT INTO metric (ts, phase, type, name, value, status, details) VALUES (?,?,?,?,?,?,?)");
                     PreparedStatement latest = writer.prepareStatement(
                             "INSERT INTO metric_latest (type, name, ts, phase, value, status, details) VALUES (?,?,?,?,?,?,?) "
                                     + "ON CONFLICT (type, name) DO UPDATE SET ts = excluded.ts, phase = excluded.phase, "
                                     + "value = excluded.value, status = excluded.status, details = excluded.details "
                                     + "WHERE excluded.ts >= metric_latest.ts")) {
                    for (MetricRecord r : records) {
                        ins.setLong(1, r.time().toEpochMilli());
                        ins.setInt(2, r.phase().number());
                        ins.setString(3, r.type());
                        ins.setString(4, r.name());
                        setValue(ins, 5, r.value());
                        ins.setString(6, r.status().label());
                        ins.setString(7, r.details());
                        ins.addBatch();
                        latest.setString(1, r.type());
                        latest.setString(2, r.name());
                        latest.setLong(3, r.time().toEpochMilli());
                        latest.setInt(4, r.phase().number());
                        setValue(latest, 5, r.value());
                        latest.setString(6, r.status().label());
                        latest.setString(7, r.details());
                        latest.addBatch();
                    }
                    ins.executeBatch();
                    latest.executeBatch();
                }
                writer.commit();
            } catch (SQLException e) {
                rollbackQuietly();
                throw new StoreException("storing " + records.size() + " metric records failed: " + e.getMessage(), e);
            } finally {
                autoCommitQuietly();
            }
        }
    }

    /** Records since {@code since}, newest first, at most {@code limit}. */
    public List<MetricRecord> recent(Instant since, int limit) {
        return queryRecords("SELECT ts, phase, type, name, value, status, details FROM metric WHERE ts >= ? "
                + "ORDER BY ts DESC LIMIT ?", since.toEpochMilli(), limit);
    }

    /** One record of one signal in a time range, oldest first; the basis of windows and trends. */
    public List<MetricRecord> series(String type, String name, Instant from, Instant to) {
        return queryRecords("SELECT ts, phase, type, name, value, status, details FROM metric "
                + "WHERE type = ? AND name = ? AND ts >= ? AND ts < ? ORDER BY ts", type, name, from.toEpochMilli(), to.toEpochMilli());
    }

    /** The latest record of every (type, name). */
    public List<MetricRecord> latest() {
        return queryRecords("SELECT ts, phase, type, name, value, status, details FROM metric_latest ORDER BY type, name");
    }

    public long countMetrics() {
        synchronized (reader) {
            try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM metric")) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new StoreException("counting metrics failed: " + e.getMessage(), e);
            }
        }
    }

    private List<MetricRecord> queryRecords(String sql, Object... args) {
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    List<MetricRecord> out = new ArrayList<>();
                    while (rs.next()) {
                        double v = rs.getDouble(5);
                        Double value = rs.wasNull() ? null : v;
                        out.add(new MetricRecord(Instant.ofEpochMilli(rs.getLong(1)), phase(rs.getInt(2)), rs.getString(3),
                                rs.getString(4), value, Status.parse(rs.getString(6)), rs.getString(7)));
                    }
                    return out;
                }
            } catch (SQLException e) {
                throw new StoreException("reading metrics failed: " + e.getMessage(), e);
            }
        }
    }

    // ---- releases and phases -------------------------------------------------------------------

    public void recordRelease(Instant releaseTime, Instant declaredAt, String source) {
        update("INSERT INTO release_declaration (release_time, declared_at, source) VALUES (?,?,?)",
                releaseTime.toEpochMilli(), declaredAt.toEpochMilli(), source);
    }

    /** The release declared last: later declarations win over earlier ones, whatever their times say. */
    public Optional<Instant> latestRelease() {
        return single("SELECT release_time FROM release_declaration ORDER BY seq DESC LIMIT 1")
                .map(Instant::ofEpochMilli);
    }

    /** Whether this exact release time was ever declared from the given source. */
    public boolean releaseDeclared(Instant releaseTime, String source) {
        return single("SELECT count(*) FROM release_declaration WHERE release_time = ? AND source = ?",
                releaseTime.toEpochMilli(), source).orElse(0L) > 0;
    }

    public void recordPhaseChange(PhaseChange change) {
        update("INSERT INTO phase_event (ts, from_phase, to_phase, release_time) VALUES (?,?,?,?)",
                change.at().toEpochMilli(), change.from() == null ? null : change.from().number(),
                change.to().number(), change.releaseTime().toEpochMilli());
    }

    public List<PhaseChange> phaseChanges(int limit) {
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement(
                    "SELECT ts, from_phase, to_phase, release_time FROM phase_event ORDER BY seq DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<PhaseChange> out = new ArrayList<>();
                    while (rs.next()) {
                        int from = rs.getInt(2);
                        Phase fromPhase = rs.wasNull() ? null : phase(from);
                        out.add(new PhaseChange(Instant.ofEpochMilli(rs.getLong(1)), fromPhase, phase(rs.getInt(3)),
                                Instant.ofEpochMilli(rs.getLong(4))));
                    }
                    return out;
                }
            } catch (SQLException e) {
                throw new StoreException("reading phase events failed: " + e.getMessage(), e);
            }
        }
    }

    // ---- alerts --------------------------------------------------------------------------------

    public void recordAlert(Alert a) {
        try {
            update("INSERT INTO alert (id, akey, ts, phase, severity, source, title, summary, lines) VALUES (?,?,?,?,?,?,?,?,?)",
                    a.id(), a.key(), a.time().toEpochMilli(), a.phase().number(), a.severity(), a.source(), a.title(),
                    a.summary(), JSON.writeValueAsString(a.lines()));
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise alert " + a.id(), e);
        }
    }

    public List<Alert> recentAlerts(int limit) {
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement(
                    "SELECT id, akey, ts, phase, severity, source, title, summary, lines FROM alert ORDER BY ts DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Alert> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Alert(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                                phase(rs.getInt(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                JSON.readValue(rs.getString(9), LINES)));
                    }
                    return out;
                }
            } catch (SQLException | JsonProcessingException e) {
                throw new StoreException("reading alerts failed: " + e.getMessage(), e);
            }
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------

    private void update(String sql, Object... args) {
        synchronized (writer) {
            try (PreparedStatement ps = writer.prepareStatement(sql)) {
                bind(ps, args);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException("store update failed: " + e.getMessage(), e);
            }
        }
    }

    private Optional<Long> single(String sql, Object... args) {
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new StoreException("store query failed: " + e.getMessage(), e);
            }
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) ps.setNull(i + 1, Types.INTEGER);
            else if (a instanceof Long l) ps.setLong(i + 1, l);
            else if (a instanceof Integer n) ps.setInt(i + 1, n);
            else ps.setString(i + 1, a.toString());
        }
    }

    private static void setValue(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null || value.isNaN()) ps.setNull(index, Types.DOUBLE);
        else ps.setDouble(index, value);
    }

    private static Phase phase(int number) {
        return Phase.values()[number - 1];
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // the original failure is what the caller needs to see
        }
    }

    private void autoCommitQuietly() {
        try {
            writer.setAutoCommit(true);
        } catch (SQLException ignored) {
            // next use will report a broken connection
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
