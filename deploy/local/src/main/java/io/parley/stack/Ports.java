package io.parley.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Loopback port helpers. */
public final class Ports {

    /** Ports handed out by {@link #freePort()} in this JVM, so two parts never get the same one. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /** Whether nothing listens on {@code 127.0.0.1:port} (binding there fails if anything holds the port). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A currently free loopback port that this JVM has not handed out before. */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot find a free loopback port", e);
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("Cannot find a free loopback port");
    }

    /** A block of {@code count} consecutive free ports (for service replicas). */
    public static int freePortBlock(int count) {
        if (count == 1) {
            return freePort();
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = freePort();
            boolean allFree = true;
            for (int i = 1; i < count; i++) {
                if (HANDED_OUT.contains(base + i) || !isFree(base + i)) {
                    allFree = false;
                    break;
                }
            }
            if (allFree && base + count - 1 <= 65535) {
                for (int i = 1; i < count; i++) {
                    HANDED_OUT.add(base + i);
                }
                return base;
            }
        }
        throw new IllegalStateException("Cannot find " + count + " consecutive free loopback ports");
    }
}
