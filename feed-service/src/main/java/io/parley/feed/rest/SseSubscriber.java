package io.parley.feed.rest;

import java.util.ArrayDeque;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * One open SSE stream. Touched only on its own Vert.x context (event loop), so it needs no locks. Events
 * carry increasing ids; anything not newer than the last one sent is skipped (a catch-up and the live feed may
 * overlap). While the client does not keep up, an {@code info} stream keeps only the newest pending event
 * (a burst for one post is coalesced into the latest state), a {@code last} stream queues up to a bound and is
 * dropped beyond it; the client reconnects with its {@code Last-Event-ID} and loses nothing.
 */
final class SseSubscriber {

    private static final Buffer HEARTBEAT = Buffer.buffer(":\n\n");

    final Context context;
    private final HttpServerResponse response;
    private final boolean coalesce;
    private final int limit;
    private final Runnable dropped;
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private long lastId;
    private boolean stalled;
    private boolean closed;

    SseSubscriber(Context context, HttpServerResponse response, boolean coalesce, int limit, long lastId,
                  Runnable dropped) {
        this.context = context;
        this.response = response;
        this.coalesce = coalesce;
        this.limit = limit;
        this.lastId = lastId;
        this.dropped = dropped;
        response.drainHandler(ignored -> flush());
    }

    /** Sends (or queues) an event; call on {@link #context}. */
    void send(long id, Buffer frame) {
        if (closed || id <= lastId) {
            return;
        }
        lastId = id;
        if (queue.isEmpty() && !response.writeQueueFull()) {
            response.write(frame);
            return;
        }
        if (coalesce) {
            queue.clear();
        } else if (queue.size() >= limit) {
            drop();
            return;
        }
        queue.addLast(frame);
    }

    /**
     * A heartbeat comment keeps proxies from closing a quiet stream. A subscriber that could not take anything
     * since the previous heartbeat is dropped rather than left holding memory.
     */
    void heartbeat() {
        if (closed) {
            return;
        }
        if (response.writeQueueFull()) {
            if (stalled) {
                drop();
            }
            stalled = true;
            return;
        }
        stalled = false;
        response.write(HEARTBEAT);
    }

    private void flush() {
        while (!closed && !queue.isEmpty() && !response.writeQueueFull()) {
            response.write(queue.removeFirst());
        }
    }

    void closed() {
        closed = true;
        queue.clear();
    }

    private void drop() {
        if (!closed) {
            closed();
            dropped.run();
            response.reset();
        }
    }
}
