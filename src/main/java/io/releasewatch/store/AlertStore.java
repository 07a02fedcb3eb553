package io.releasewatch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasewatch.alerting.AlertInstance;
import io.releasewatch.alerting.Silence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Alert lifecycle state, alert events, the notification outbox and silences in the monitor's own store. */
public final class AlertStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() { };
    private static final String INSTANCE_COLUMNS = "id, rule, series, severity, state, pending_since, fired_at, resolved_at, "
            + "last_notified_at, acked_at, acked_by, escalation_level, silenced, summary, description, observed, labels";

    private final Database db;

    public AlertStore(Database db) {
        this.db = db;
    }

    /** Something that happened to an alert, for people. */
    public record Event(String alertId, Instant at, String kind, String detail) {
    }

    /** A notification for one channel. */
    public record Outgoing(String channel, String payload) {
    }

    /** An outbox row as the dispatcher sees it. */
    public record OutboxRow(long seq, Instant createdAt, String channel, String payload, String status, int attempts,
                            Instant nextAttemptAt, String lastError, Instant deliveredAt, boolean deadLettered) {
    }

    /** Stores state changes, their events and the notifications they cause in one transaction. */
    public void apply(List<AlertInstance> changed, List<Event> events, List<Outgoing> outgoing, Instant now) {
        if (changed.isEmpty() && events.isEmpty() && outgoing.isEmpty()) return;
        db.transaction(c -> {
            upsert(c, changed);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_event (alert_id, ts, kind, detail) VALUES (?,?,?,?)")) {
                for (Event e : events) {
                    Database.bind(ps, e.alertId(), e.at().toEpochMilli(), e.kind(), e.detail());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (created_at, channel, payload, status, attempts, "
                    + "next_attempt_at, dead_lettered) VALUES (?,?,?,'pending',0,?,0)")) {
                for (Outgoing o : outgoing) {
                    Database.bind(ps, now.toEpochMilli(), o.channel(), o.payload(), 0L);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private static void upsert(Connection c, List<AlertInstance> changed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_instance (" + INSTANCE_COLUMNS + ") "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET state = excluded.state, "
                + "fired_at = excluded.fired_at, resolved_at = excluded.resolved_at, last_notified_at = excluded.last_notified_at, "
                + "acked_at = excluded.acked_at, acked_by = excluded.acked_by, escalation_level = excluded.escalation_level, "
                + "silenced = excluded.silenced, summary = excluded.summary, description = excluded.description, "
                + "observed = excluded.observed")) {
            for (AlertInstance a : changed) {
                Database.bind(ps, a.id(), a.rule(), a.series(), a.severity(), a.state().name(), millis(a.pendingSince()),
                        millis(a.firedAt()), millis(a.resolvedAt()), millis(a.lastNotifiedAt()), millis(a.ackedAt()), a.ackedBy(),
                        a.escalationLevel(), a.silenced(), a.summary(), a.description(), a.observed(), labels(a.labels()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Pending and firing alerts: what the engine resumes after a restart. */
    public List<AlertInstance> activeInstances() {
        return instances("WHERE state IN ('PENDING', 'FIRING') ORDER BY pending_since");
    }

    /** Alerts that fired, most recent first, including resolved ones. */
    public List<AlertInstance> recentInstances(int limit) {
        return instances("WHERE fired_at IS NOT NULL ORDER BY fired_at DESC LIMIT " + Math.max(1, limit));
    }

    public Optional<AlertInstance> instance(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + INSTANCE_COLUMNS + " FROM alert_instance WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(instance(rs)) : Optional.<AlertInstance>empty();
                }
            }
        });
    }

    private List<AlertInstance> instances(String where) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + INSTANCE_COLUMNS + " FROM alert_instance " + where);
                 ResultSet rs = ps.executeQuery()) {
                List<AlertInstance> out = new ArrayList<>();
                while (rs.next()) out.add(instance(rs));
                return out;
            }
        });
    }

    private static AlertInstance instance(ResultSet rs) throws SQLException {
        double observed = rs.getDouble(16);
        Double value = rs.wasNull() ? null : observed;
        try {
            return new AlertInstance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    AlertInstance.State.valueOf(rs.getString(5)), instant(rs, 6), instant(rs, 7), instant(rs, 8), instant(rs, 9),
                    instant(rs, 10), rs.getString(11), rs.getInt(12), rs.getInt(13) == 1, rs.getString(14), rs.getString(15),
                    value, JSON.readValue(rs.getString(17), LABELS));
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable labels of alert " + rs.getString(1), e);
        }
    }

    public List<Event> recentEvents(int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT alert_id, ts, kind, detail FROM alert_event ORDER BY seq DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Event> out = new ArrayList<>();
                    while (rs.next()) out.add(new Event(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4)));
                    return out;
                }
            }
        });
    }

    // ---- outbox --------------------------------------------------------------------------------

    /** The oldest undelivered notification of a channel: channels deliver in order. */
    public Optional<OutboxRow> head(String channel) {
        List<OutboxRow> rows = outbox("WHERE channel = ? AND status <> 'delivered' ORDER BY seq LIMIT 1", channel);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public void markDelivered(long seq, int attempts, Instant at) {
        db.update("UPDATE outbox SET status = 'delivered', attempts = ?, delivered_at = ?, last_error = NULL WHERE seq = ?",
                attempts, at.toEpochMilli(), seq);
    }

    public void markFailed(long seq, int attempts, Instant nextAttemptAt, String error, boolean deadLettered) {
        db.update("UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, dead_lettered = ? WHERE seq = ?",
                deadLettered ? "dead" : "pending", attempts, nextAttemptAt.toEpochMilli(), error, deadLettered, seq);
    }

    /** After a restart every undelivered notification is tried at once: the old backoff belonged to the old process. */
    public int retryUndeliveredNow(Instant now) {
        return db.update("UPDATE outbox SET next_attempt_at = ? WHERE status <> 'delivered' AND next_attempt_at > ?",
                now.toEpochMilli(), now.toEpochMilli());
    }

    /** Notifications a channel took, newest first: the dashboard channel's feed. */
    public List<OutboxRow> delivered(String channel, int limit) {
        return outbox("WHERE channel = ? AND status = 'delivered' ORDER BY seq DESC LIMIT ?", channel, limit);
    }

    /** Every notification, newest first (delivered ones are the history shown on the dashboard). */
    public List<OutboxRow> recentOutbox(int limit) {
        return outbox("ORDER BY seq DESC LIMIT ?", limit);
    }

    private List<OutboxRow> outbox(String where, Object... args) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, created_at, channel, payload, status, attempts, "
                    + "next_attempt_at, last_error, delivered_at, dead_lettered FROM outbox " + where)) {
                Database.bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    List<OutboxRow> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new OutboxRow(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getInt(6), Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8),
                                instant(rs, 9), rs.getInt(10) == 1));
                    }
                    return out;
                }
            }
        });
    }

    // ---- silences ------------------------------------------------------------------------------

    public void addSilence(Silence s, Instant createdAt) {
        db.update("INSERT INTO silence (id, rule, label_key, label_value, starts_at, ends_at, reason, created_at) VALUES (?,?,?,?,?,?,?,?)",
                s.id(), s.rule(), s.labelKey(), s.labelValue(), s.startsAt().toEpochMilli(), s.endsAt().toEpochMilli(), s.reason(),
                createdAt.toEpochMilli());
    }

    public List<Silence> silences() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, rule, label_key, label_value, starts_at, ends_at, reason FROM silence ORDER BY starts_at");
                 ResultSet rs = ps.executeQuery()) {
                List<Silence> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Silence(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7)));
                }
                return out;
            }
        });
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static String labels(Map<String, String> labels) {
        try {
            return JSON.writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
