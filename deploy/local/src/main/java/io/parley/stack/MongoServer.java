package io.parley.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * MongoDB: the user's server when a URL is given, otherwise mongo-java-server (MongoDB wire protocol, oplog enabled
 * for change streams) on an H2 file in {@code <dataDir>/mongo} so read models survive restarts. The wire server
 * has no transactions and ignores TTL and non-unique indexes.
 */
public final class MongoServer implements Component {

    private final Path dataDir;
    private final int port;
    private final String externalUrl;
    private de.bwaldvogel.mongo.MongoServer server;
    private H2Backend backend;

    public MongoServer(Path dataDir, int port, String externalUrl) {
        this.dataDir = dataDir.resolve("mongo");
        this.port = port;
        this.externalUrl = externalUrl;
    }

    @Override
    public String name() {
        return "mongo";
    }

    public boolean isExternal() {
        return externalUrl != null;
    }

    public int port() {
        return port;
    }

    /** {@code mongodb://127.0.0.1:<port>} or the external URL. */
    public String url() {
        return isExternal() ? externalUrl : "mongodb://127.0.0.1:" + port;
    }

    @Override
    public synchronized boolean isRunning() {
        return isExternal() || server != null;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        backend = new H2Backend(dataDir.resolve("mongo.mv").toString());
        server = new de.bwaldvogel.mongo.MongoServer(backend);
        server.enableOplog();
        try {
            server.bind("127.0.0.1", port);
        } catch (RuntimeException e) {
            server.shutdownNow();
            backend.close();
            server = null;
            backend = null;
            throw new StackException("MongoDB wire server did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            backend.close();
            server = null;
            backend = null;
        }
    }
}
