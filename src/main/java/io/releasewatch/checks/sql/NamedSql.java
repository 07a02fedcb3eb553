package io.releasewatch.checks.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeSet;

/**
 * A SQL text with {@code :name} parameters, turned into JDBC {@code ?} placeholders so the same file runs on
 * any driver. Quoted strings, quoted identifiers, comments and PostgreSQL casts ({@code ::type}) are left
 * alone, so a colon inside them is never taken for a parameter.
 *
 * <p>Values are always bound, never spliced into the text. An {@link Instant} binds with
 * {@code setTimestamp} in UTC: PostgreSQL compares it with {@code timestamptz} columns, and sqlite-jdbc (with
 * its default {@code date_class=INTEGER}) binds it as epoch milliseconds.
 *
 * @param text     the SQL as written, with named parameters
 * @param jdbcSql  the same SQL with each parameter replaced by {@code ?}
 * @param names    the parameter names in placeholder order (a name used twice appears twice)
 */
public record NamedSql(String text, String jdbcSql, List<String> names) {
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    public NamedSql {
        names = List.copyOf(names);
    }

    public static NamedSql parse(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        List<String> names = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closingQuote(sql, i, c);
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(sql, i, end);
                i = end;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && Character.isJavaIdentifierPart(sql.charAt(end))) end++;
                names.add(sql.substring(i + 1, end));
                out.append('?');
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return new NamedSql(sql, out.toString(), names);
    }

    /** Index just past the quote that closes the one at {@code start}; a doubled quote is an escaped quote. */
    private static int closingQuote(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    /**
     * Prepares the statement and binds every parameter it names.
     *
     * @throws IllegalArgumentException when the SQL names a parameter that {@code params} lacks: an operator's
     *                                  typo in an edited file, reported with the names that are available
     */
    public PreparedStatement prepare(Connection connection, Map<String, ?> params) throws SQLException {
        for (String name : names) {
            if (!params.containsKey(name)) {
                throw new IllegalArgumentException("the SQL uses :" + name + " but only these parameters are provided: "
                        + new TreeSet<>(params.keySet()).stream().map(k -> ":" + k).toList());
            }
        }
        PreparedStatement ps = connection.prepareStatement(jdbcSql);
        try {
            for (int i = 0; i < names.size(); i++) {
                bind(ps, i + 1, params.get(names.get(i)));
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) ps.setNull(index, Types.NULL);
        else if (value instanceof Instant t) ps.setTimestamp(index, Timestamp.from(t), (Calendar) UTC.clone());
        else if (value instanceof Long l) ps.setLong(index, l);
        else if (value instanceof Integer n) ps.setInt(index, n);
        else if (value instanceof Double d) ps.setDouble(index, d);
        else if (value instanceof String s) ps.setString(index, s);
        else throw new IllegalArgumentException("cannot bind a " + value.getClass().getSimpleName() + " parameter");
    }
}
