package io.releasewatch.checks.sql;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Connections to the monitored platform's database, opened per check run: the data checks run every few
 * minutes, so a pool would only hold idle connections on the platform's server. The password stays here.
 */
public final class JdbcDataSource implements DataSource {
    private final String url;
    private final Properties credentials = new Properties();
    private int loginTimeoutSeconds = 10;

    public JdbcDataSource(String url, String user, String password) {
        this.url = url;
        if (user != null && !user.isEmpty()) credentials.setProperty("user", user);
        if (password != null && !password.isEmpty()) credentials.setProperty("password", password);
        // PostgreSQL: never wait forever for a dead server.
        credentials.setProperty("connectTimeout", "10");
        credentials.setProperty("ApplicationName", "release-watch");
    }

    public String url() {
        return url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        DriverManager.setLoginTimeout(loginTimeoutSeconds);
        return DriverManager.getConnection(url, credentials);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.putAll(credentials);
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(url, p);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // logging goes through SLF4J
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }

    @Override
    public String toString() {
        return "JdbcDataSource[" + redact(url) + "]";
    }

    /** A JDBC URL fit for a log line: a password given in it is masked. */
    public static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("password=[^&;]*", "password=****");
    }
}
