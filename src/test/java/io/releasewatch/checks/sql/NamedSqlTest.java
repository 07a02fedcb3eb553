package io.releasewatch.checks.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamedSqlTest {

    @Test
    void replacesNamedParametersAndLeavesQuotesCommentsAndCastsAlone() {
        NamedSql sql = NamedSql.parse("""
                -- uses :not_a_param in a comment
                SELECT ':literal', "col:umn", x::int, /* :nor_this */ y
                FROM t WHERE a >= :since_1h AND b < :since_1h AND c = 'it''s :quoted' AND d = :limit""");
        assertThat(sql.names()).containsExactly("since_1h", "since_1h", "limit");
        assertThat(sql.jdbcSql()).contains("x::int", "':literal'", "\"col:umn\"", "/* :nor_this */", "'it''s :quoted'",
                "a >= ? AND b < ?", "d = ?", "-- uses :not_a_param");
    }

    @Test
    void aMissingParameterNamesTheOnesAvailable(@TempDir Path dir) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"))) {
            NamedSql sql = NamedSql.parse("SELECT :since_2h");
            assertThatThrownBy(() -> sql.prepare(c, Map.of("since_1h", 1L, "now", 2L)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(":since_2h").hasMessageContaining("[:now, :since_1h]");
        }
    }

    @Test
    void instantsBindAsEpochMillisOnSqlite(@TempDir Path dir) throws SQLException {
        Instant t = Instant.parse("2025-03-01T13:00:00.123Z");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
             PreparedStatement ps = NamedSql.parse("SELECT :t, typeof(:t)").prepare(c, Map.of("t", t));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(t.toEpochMilli());
            assertThat(rs.getString(2)).isEqualTo("integer");
        }
    }

    @Test
    void connectionProblemsAreToldFromQueryProblems() {
        assertThat(SqlFailure.isConnectionProblem(new SQLException("Connection to 127.0.0.1:1 refused", "08001"))).isTrue();
        assertThat(SqlFailure.isConnectionProblem(new SQLException("An I/O error occurred", "08006"))).isTrue();
        assertThat(SqlFailure.isConnectionProblem(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(SqlFailure.isConnectionProblem(new SQLException("x", null, new ConnectException("Connection refused")))).isTrue();
        assertThat(SqlFailure.isConnectionProblem(new SQLException("relation \"orders\" does not exist", "42P01"))).isFalse();
        assertThat(SqlFailure.isConnectionProblem(new SQLException("syntax error at or near \"SELEC\"", "42601"))).isFalse();
        assertThat(SqlFailure.of("orders", new SQLException("relation \"orders\" does not exist", "42P01")).describe())
                .isEqualTo("orders: relation \"orders\" does not exist (SQLState 42P01)");
    }
}
