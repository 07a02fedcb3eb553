package io.releasewatch.checks.business;

import io.releasewatch.checks.sql.NamedSql;
import io.releasewatch.checks.sql.SqlFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four business queries. The shipped ones (classpath {@code /sql/business/}) match the guide's schema;
 * operators adapt them to theirs by putting edited copies in a directory, read once at start-up.
 */
public final class BusinessQueries {
    public static final String REGISTRATIONS = "registrations";
    public static final String ORDERS = "orders";
    public static final String PAYMENTS = "payments";
    public static final String ERRORS = "errors";
    private static final String[] NAMES = {REGISTRATIONS, ORDERS, PAYMENTS, ERRORS};

    private final Map<String, NamedSql> queries;
    private final Map<String, String> sources;

    private BusinessQueries(Map<String, NamedSql> queries, Map<String, String> sources) {
        this.queries = Map.copyOf(queries);
        this.sources = Map.copyOf(sources);
    }

    public static BusinessQueries shipped() {
        Map<String, NamedSql> q = new LinkedHashMap<>();
        Map<String, String> src = new LinkedHashMap<>();
        for (String name : NAMES) {
            String resource = "/sql/business/" + name + ".sql";
            q.put(name, NamedSql.parse(SqlFiles.classpath(resource)));
            src.put(name, "classpath:" + resource);
        }
        return new BusinessQueries(q, src);
    }

    /**
     * Each {@code <name>.sql} found in {@code dir} replaces the shipped one; the others stay as shipped, so an
     * operator only copies the files their schema needs changed.
     */
    public static BusinessQueries overriddenBy(Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("business SQL directory " + dir + " does not exist");
        BusinessQueries shipped = shipped();
        Map<String, NamedSql> q = new LinkedHashMap<>(shipped.queries);
        Map<String, String> src = new LinkedHashMap<>(shipped.sources);
        for (String name : NAMES) {
            Path file = dir.resolve(name + ".sql");
            if (Files.isRegularFile(file)) {
                q.put(name, NamedSql.parse(SqlFiles.file(file)));
                src.put(name, file.toString());
            }
        }
        return new BusinessQueries(q, src);
    }

    public NamedSql get(String name) {
        NamedSql sql = queries.get(name);
        if (sql == null) throw new IllegalArgumentException("no business query named " + name);
        return sql;
    }

    /** Where each query was read from, for the start-up log. */
    public Map<String, String> sources() {
        return sources;
    }
}
