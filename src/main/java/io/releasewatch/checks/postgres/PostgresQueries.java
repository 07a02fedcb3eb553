package io.releasewatch.checks.postgres;

import io.releasewatch.checks.sql.NamedSql;
import io.releasewatch.checks.sql.SqlFiles;

/** The SQL the PostgreSQL check runs, from {@code /sql/postgres/*.sql} on the classpath. */
final class PostgresQueries {
    /** pg_stat_statements renamed total_time, mean_time and stddev_time to *_exec_time in PostgreSQL 13. */
    static final int EXEC_TIME_COLUMNS_SINCE = 130000;

    static final NamedSql SERVER_VERSION = load("server-version");
    static final NamedSql CONNECTIONS_BY_STATE = load("connections-by-state");
    static final NamedSql CONNECTION_USE = load("connection-use");
    static final NamedSql STATEMENTS_EXTENSION = load("statements-extension");
    static final NamedSql TABLE_SIZES = load("table-sizes");
    static final NamedSql SEQUENTIAL_SCANS = load("sequential-scans");
    private static final NamedSql TOP_STATEMENTS_PG13 = load("top-statements-pg13");
    private static final NamedSql TOP_STATEMENTS_PRE13 = load("top-statements-pre13");

    private PostgresQueries() {
    }

    /** @param serverVersionNum as in server_version_num, e.g. 120017 or 140022 */
    static String topStatementsName(int serverVersionNum) {
        return serverVersionNum >= EXEC_TIME_COLUMNS_SINCE ? "top-statements-pg13" : "top-statements-pre13";
    }

    static NamedSql topStatements(int serverVersionNum) {
        return serverVersionNum >= EXEC_TIME_COLUMNS_SINCE ? TOP_STATEMENTS_PG13 : TOP_STATEMENTS_PRE13;
    }

    private static NamedSql load(String name) {
        return NamedSql.parse(SqlFiles.classpath("/sql/postgres/" + name + ".sql"));
    }
}
