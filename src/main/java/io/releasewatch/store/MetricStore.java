package io.releasewatch.store;

import io.releasewatch.clock.Phase;
import io.releasewatch.clock.PhaseChange;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Metric records, release declarations and phase events in the monitor's own store. With {@link AlertStore}
 * this is all the SQL the monitor runs against its database, so a PostgreSQL store shared by several
 * instances can replace SQLite by swapping this package.
 */
public final class MetricStore implements AutoCloseable {
    private static final String COLUMNS = "ts, phase, type, name, value, status, details";

    private final Database db;
    private final boolean ownsDatabase;

    public MetricStore(Database db) {
        this.db = db;
        this.ownsDatabase = false;
    }

    /** A store with its own database file; closing the store closes the file. */
    public MetricStore(Path file) {
        this.db = new Database(file);
        this.ownsDatabase = true;
    }

    public Path file() {
        return db.file();
    }

    // ---- metrics -------------------------------------------------------------------------------

    /** Stores a batch in one transaction and refreshes the latest value of each (type, name). */
    public void insertAll(List<MetricRecord> records) {
        if (records.isEmpty()) return;
        db.transaction(c -> {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO metric (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?)");
                 PreparedStatement latest = c.prepareStatement("INSERT INTO metric_latest (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?) "
                         + "ON CONFLICT (type, name) DO UPDATE SET ts = excluded.ts, phase = excluded.phase, "
                         + "value = excluded.value, status = excluded.status, details = excluded.details "
                         + "WHERE excluded.ts >= metric_latest.ts")) {
                for (MetricRecord r : records) {
                    Object[] row = {r.time().toEpochMilli(), r.phase().number(), r.type(), r.name(),
                            r.value() == null || r.value().isNaN() ? null : r.value(), r.status().label(), r.details()};
                    Database.bind(ins, row);
                    ins.addBatch();
                    Database.bind(latest, row);
                    latest.addBatch();
                }
                ins.executeBatch();
                latest.executeBatch();
            }
            return null;
        });
    }

    /** Records since {@code since}, newest first, at most {@code limit}. */
    public List<MetricRecord> recent(Instant since, int limit) {
        return query("SELECT " + COLUMNS + " FROM metric WHERE ts >= ? ORDER BY ts DESC LIMIT ?", since.toEpochMilli(), limit);
    }

    /** All records of all signals in a time range, oldest first: how the alert engine's history is rebuilt. */
    public List<MetricRecord> between(Instant from, Instant to) {
        return query("SELECT " + COLUMNS + " FROM metric WHERE ts >= ? AND ts <= ? ORDER BY ts", from.toEpochMilli(), to.toEpochMilli());
    }

    /** One signal in a time range, oldest first. */
    public List<MetricRecord> series(String type, String name, Instant from, Instant to) {
        return query("SELECT " + COLUMNS + " FROM metric WHERE type = ? AND name = ? AND ts >= ? AND ts < ? ORDER BY ts",
                type, name, from.toEpochMilli(), to.toEpochMilli());
    }

    /** The latest record of every (type, name). */
    public List<MetricRecord> latest() {
        return query("SELECT " + COLUMNS + " FROM metric_latest ORDER BY type, name");
    }

    /** The latest monitor-clock time anything was recorded at, if anything was. */
    public Optional<Instant> lastRecordedTime() {
        return single("SELECT max(ts) FROM (SELECT max(ts) AS ts FROM metric_latest UNION ALL SELECT max(ts) FROM phase_event) t")
                .filter(ms -> ms > 0).map(Instant::ofEpochMilli);
    }

    public long countMetrics() {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM metric")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private List<MetricRecord> query(String sql, Object... args) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Database.bind(ps, args);
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
            }
        });
    }

    // ---- releases and phases -------------------------------------------------------------------

    public void recordRelease(Instant releaseTime, Instant declaredAt, String source) {
        db.update("INSERT INTO release_declaration (release_time, declared_at, source) VALUES (?,?,?)",
                releaseTime.toEpochMilli(), declaredAt.toEpochMilli(), source);
    }

    /** The release declared last: later declarations win over earlier ones, whatever their times say. */
    public Optional<Instant> latestRelease() {
        return single("SELECT release_time FROM release_declaration ORDER BY seq DESC LIMIT 1").map(Instant::ofEpochMilli);
    }

    /** Whether this exact release time was ever declared from the given source. */
    public boolean releaseDeclared(Instant releaseTime, String source) {
        return single("SELECT count(*) FROM release_declaration WHERE release_time = ? AND source = ?",
                releaseTime.toEpochMilli(), source).orElse(0L) > 0;
    }

    public void recordPhaseChange(PhaseChange change) {
        db.update("INSERT INTO phase_event (ts, from_phase, to_phase, release_time) VALUES (?,?,?,?)",
                change.at().toEpochMilli(), change.from() == null ? null : change.from().number(),
                change.to().number(), change.releaseTime().toEpochMilli());
    }

    public List<PhaseChange> phaseChanges(int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
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
            }
        });
    }

    private Optional<Long> single(String sql, Object... args) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Database.bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    static Phase phase(int number) {
        return Phase.values()[number - 1];
    }

    @Override
    public void close() {
        if (ownsDatabase) db.close();
    }
}
