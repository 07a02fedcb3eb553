package io.releasewatch.checks.business;

import io.releasewatch.checks.sql.NamedSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes the guide's application activity at given instants, through the same binder the monitor reads with,
 * so times land as timestamptz on PostgreSQL and as epoch milliseconds on SQLite.
 */
final class ShopActivity {
    private static final NamedSql PROFILE = NamedSql.parse("INSERT INTO profiles (email, created_at) VALUES (:email, :at)");
    private static final NamedSql ORDER = NamedSql.parse(
            "INSERT INTO orders (status, amount_cents, created_at, delivered_at) VALUES (:status, 1500, :at, :delivered)");
    private static final NamedSql PAYMENT = NamedSql.parse(
            "INSERT INTO payment_transactions (status, amount_cents, created_at) VALUES (:status, :cents, :at)");
    private static final NamedSql EVENT = NamedSql.parse("INSERT INTO audit_log (event, created_at) VALUES (:event, :at)");

    private final DataSource ds;
    private int seq;

    ShopActivity(DataSource ds) {
        this.ds = ds;
    }

    ShopActivity registration(Instant at) {
        return insert(PROFILE, Map.of("email", "user" + (++seq) + "@example.test", "at", at));
    }

    ShopActivity order(Instant at, String status) {
        return order(at, status, null);
    }

    ShopActivity order(Instant at, String status, Instant deliveredAt) {
        Map<String, Object> p = new HashMap<>();
        p.put("status", status);
        p.put("at", at);
        p.put("delivered", deliveredAt);
        return insert(ORDER, p);
    }

    ShopActivity payments(int count, Instant at, String status, long cents) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                try (PreparedStatement ps = PAYMENT.prepare(c, Map.of("status", status, "cents", cents, "at", at))) {
                    ps.executeUpdate();
                }
            }
            c.commit();
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    ShopActivity events(int count, Instant at, String event) {
        for (int i = 0; i < count; i++) insert(EVENT, Map.of("event", event, "at", at));
        return this;
    }

    private ShopActivity insert(NamedSql sql, Map<String, ?> params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = sql.prepare(c, params)) {
            ps.executeUpdate();
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
