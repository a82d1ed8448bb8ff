package io.parley.feed.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.events.Topics;
import io.parley.events.feed.PostInfoChanged;
import io.parley.feed.config.FeedConfig;
import io.parley.feed.service.LivePostInfo;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Remark42's streaming API (remark42.md §5), served from the live state rebuilt from {@code post-info}:
 * {@code GET /api/v1/stream/info?site=&url=&since=} (event {@code info}, data PostInfo) and
 * {@code GET /api/v1/stream/last?site=&since=} (event {@code last}, data a JSON array holding the new comment).
 * Event ids are {@code post-info} offsets, the same on every replica; {@code Last-Event-ID} resumes exactly
 * after the last event the client saw, on any replica. Plain Vert.x routes rather than JAX-RS: an open stream
 * then costs only its connection and a small subscriber object.
 */
@ApplicationScoped
public class StreamRoutes implements LivePostInfo.Listener {

    private static final Logger LOG = Logger.getLogger(StreamRoutes.class);
    private static final Duration REPLAY_WAIT = Duration.ofSeconds(30);
    private static final int ERR_DECODE = 2;
    private static final int ERR_POST_NOT_FOUND = 5;
    private static final int ERR_SITE_NOT_FOUND = 6;
    /** First bytes of every stream: sends the headers at once and tells EventSource to retry after 1 s. */
    private static final Buffer OPENING = Buffer.buffer("retry: 1000\n\n");

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    @Inject
    LivePostInfo live;

    @Inject
    ObjectMapper mapper;

    @Inject
    FeedConfig config;

    private final Map<String, Set<SseSubscriber>> infoSubscribers = new ConcurrentHashMap<>();
    private final Map<String, Set<SseSubscriber>> lastSubscribers = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private Counter dropped;
    private long heartbeatTimer = -1;

    void routes(@Observes Router router) {
        live.listen(this);
        Gauge.builder("parley.feed.streams.open", open, AtomicInteger::get).description("open SSE streams")
                .register(registry);
        dropped = Counter.builder("parley.feed.streams.dropped").description("SSE streams dropped as too slow")
                .register(registry);
        router.get("/api/v1/stream/info").handler(this::info);
        router.get("/api/v1/stream/last").handler(this::last);
        heartbeatTimer = vertx.setPeriodic(config.stream().heartbeat().toMillis(), ignored -> heartbeats());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
    }

    private void info(RoutingContext ctx) {
        String site = ctx.request().getParam("site");
        String url = ctx.request().getParam("url");
        if (invalidSite(site)) {
            error(ctx, "site " + site + " not found", ERR_SITE_NOT_FOUND);
            return;
        }
        if (url == null || url.isEmpty()) {
            error(ctx, "missing url", ERR_POST_NOT_FOUND);
            return;
        }
        Resume resume = resume(ctx);
        if (resume == null) {
            return;
        }
        String siteId = siteOrDefault(site);
        String key = Topics.postKey(siteId, url);
        open(ctx, infoSubscribers, key, true, resume, subscriber -> {
            LivePostInfo.Post post = live.post(siteId, url);
            if (post == null) {
                return;
            }
            Instant lastTime = post.info().lastTime();
            boolean missed = resume.lastEventId >= 0 ? post.infoOffset() > resume.lastEventId
                    : resume.since != null && lastTime != null && lastTime.isAfter(resume.since);
            if (missed) {
                subscriber.send(post.infoOffset(), infoFrame(post.infoOffset(), post.info()));
            }
        });
    }

    private void last(RoutingContext ctx) {
        String site = ctx.request().getParam("site");
        if (invalidSite(site)) {
            error(ctx, "site " + site + " not found", ERR_SITE_NOT_FOUND);
            return;
        }
        Resume resume = resume(ctx);
        if (resume == null) {
            return;
        }
        String siteId = siteOrDefault(site);
        open(ctx, lastSubscribers, siteId, false, resume, subscriber -> {
            if (resume.lastEventId < 0 && resume.since == null) {
                return;
            }
            for (LivePostInfo.Announcement announcement : live.announcedAfter(siteId, resume.lastEventId,
                    resume.lastEventId >= 0 ? null : resume.since)) {
                subscriber.send(announcement.offset(), lastFrame(announcement));
            }
        });
    }

    /** Where a stream starts: after {@code Last-Event-ID} (a reconnect), else after {@code since} (epoch ms). */
    private record Resume(long lastEventId, Instant since) {
    }

    private Resume resume(RoutingContext ctx) {
        long lastEventId = -1;
        String header = ctx.request().getHeader("Last-Event-ID");
        if (header != null && !header.isBlank()) {
            try {
                lastEventId = Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                lastEventId = -1; // not one of ours: start as a new stream
            }
        }
        String since = ctx.request().getParam("since");
        Instant after = null;
        if (since != null && !since.isEmpty()) {
            try {
                after = Instant.ofEpochMilli(Long.parseLong(since));
            } catch (NumberFormatException e) {
                error(ctx, "strconv.ParseInt: parsing \"" + since + "\": invalid syntax", ERR_DECODE);
                return null;
            }
        }
        return new Resume(lastEventId, after);
    }

    private void open(RoutingContext ctx, Map<String, Set<SseSubscriber>> registry, String key, boolean coalesce,
                      Resume resume, Consumer<SseSubscriber> catchUp) {
        if (open.incrementAndGet() > config.stream().maxSubscribers()) {
            open.decrementAndGet();
            ctx.response().setStatusCode(503).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("too many streams");
            return;
        }
        Context context = Vertx.currentContext();
        // Clients arriving while the replica still replays post-info wait for it (readiness is down meanwhile).
        live.awaitCaughtUp(REPLAY_WAIT).subscribe().with(
                ready -> context.runOnContext(ignored -> start(ctx, context, registry, key, coalesce, resume, catchUp)),
                failure -> context.runOnContext(ignored -> {
                    open.decrementAndGet();
                    if (!ctx.response().closed()) {
                        ctx.response().setStatusCode(503).putHeader("Content-Type", "text/plain; charset=utf-8")
                                .end("live state not ready");
                    }
                }));
    }

    private void start(RoutingContext ctx, Context context, Map<String, Set<SseSubscriber>> registry, String key,
                       boolean coalesce, Resume resume, Consumer<SseSubscriber> catchUp) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            open.decrementAndGet();
            return;
        }
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Connection", "keep-alive")
                // Tells nginx-like proxies not to buffer the stream.
                .putHeader("X-Accel-Buffering", "no");
        response.write(OPENING);
        Set<SseSubscriber> subscribers = registry.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
        SseSubscriber[] self = new SseSubscriber[1];
        Runnable remove = () -> {
            if (subscribers.remove(self[0])) {
                open.decrementAndGet();
            }
        };
        self[0] = new SseSubscriber(context, response, coalesce, config.stream().subscriberBuffer(),
                resume.lastEventId, () -> {
                    dropped.increment();
                    remove.run();
                });
        response.closeHandler(ignored -> {
            self[0].closed();
            remove.run();
        });
        response.exceptionHandler(failure -> LOG.debugf("stream %s failed: %s", key, failure.toString()));
        // Registered first, then caught up: an event is either in the snapshot or delivered live (or both, and the
        // subscriber skips ids it has sent).
        // (Sets stay in the registry once created, at most one per post or site, so no add can hit a removed set.)
        subscribers.add(self[0]);
        catchUp.accept(self[0]);
    }

    @Override
    public void infoChanged(String postKey, long offset, PostInfoChanged info) {
        Set<SseSubscriber> subscribers = infoSubscribers.get(postKey);
        if (subscribers != null && !subscribers.isEmpty()) {
            Buffer frame = infoFrame(offset, info);
            broadcast(subscribers, subscriber -> subscriber.send(offset, frame));
        }
    }

    @Override
    public void commentAnnounced(String site, LivePostInfo.Announcement announcement) {
        Set<SseSubscriber> subscribers = lastSubscribers.get(site);
        if (subscribers != null && !subscribers.isEmpty()) {
            Buffer frame = lastFrame(announcement);
            broadcast(subscribers, subscriber -> subscriber.send(announcement.offset(), frame));
        }
    }

    private void heartbeats() {
        List<SseSubscriber> all = new ArrayList<>(open.get());
        infoSubscribers.values().forEach(all::addAll);
        lastSubscribers.values().forEach(all::addAll);
        broadcast(all, SseSubscriber::heartbeat);
    }

    /** One task per event loop (not per subscriber), so an update reaches thousands of streams quickly. */
    private static void broadcast(Iterable<SseSubscriber> subscribers, Consumer<SseSubscriber> action) {
        Map<Context, List<SseSubscriber>> byContext = new HashMap<>();
        for (SseSubscriber subscriber : subscribers) {
            byContext.computeIfAbsent(subscriber.context, c -> new ArrayList<>()).add(subscriber);
        }
        byContext.forEach((context, list) -> context.runOnContext(ignored -> list.forEach(action)));
    }

    private Buffer infoFrame(long offset, PostInfoChanged info) {
        return frame(offset, "info", RemarkViews.PostInfo.of(info));
    }

    private Buffer lastFrame(LivePostInfo.Announcement announcement) {
        return frame(announcement.offset(), "last", List.of(RemarkViews.of(announcement.info())));
    }

    private Buffer frame(long id, String event, Object data) {
        try {
            return Buffer.buffer("id: " + id + "\nevent: " + event + "\ndata: " + mapper.writeValueAsString(data)
                    + "\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stream event cannot be written as JSON", e);
        }
    }

    private void error(RoutingContext ctx, String error, int code) {
        try {
            ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end(mapper.writeValueAsString(new RemarkViews.Error(error, "can't open stream", code)));
        } catch (JsonProcessingException e) {
            ctx.response().setStatusCode(400).end();
        }
    }

    private static boolean invalidSite(String site) {
        return site != null && site.contains("|");
    }

    private String siteOrDefault(String site) {
        return site == null || site.isBlank() ? config.defaultSite() : site;
    }
}
