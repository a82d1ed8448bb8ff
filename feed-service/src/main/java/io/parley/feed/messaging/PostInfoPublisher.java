package io.parley.feed.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.events.Topics;
import io.parley.events.feed.FeedEventTypes;
import io.parley.events.feed.PostComment;
import io.parley.events.feed.PostInfoChanged;
import io.parley.feed.config.FeedConfig;
import io.parley.feed.repository.CommentRepository;
import io.parley.feed.repository.PostInfoRepository;
import io.parley.feed.service.PostInfoOutbox;
import io.parley.feed.service.PostInfoProjector;
import io.parley.feed.service.PostState;
import io.parley.feed.service.RemarkUsers;
import io.parley.feed.service.StoredComment;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Vertx;

/**
 * The relay of the {@code post-info} topic. The post documents are its outbox: a projector write that changes
 * a post's public info sets {@code infoPending} in the same single-document update ({@link PostInfoProjector}
 * wakes this relay then); the relay publishes the post's current info and clears the marker only if the post
 * did not change meanwhile (compare-and-set on the info version). A periodic sweep picks up what a crash or a
 * broker outage left. Several replicas may publish the same version: consumers keep the highest version per
 * post, so a duplicate changes nothing. One pass at a time per process.
 */
@ApplicationScoped
public class PostInfoPublisher implements PostInfoOutbox {

    private static final Logger LOG = Logger.getLogger(PostInfoPublisher.class);
    private static final URI SOURCE = URI.create(FeedEventTypes.SOURCE);

    @Inject
    PostInfoRepository posts;

    @Inject
    CommentRepository comments;

    @Inject
    FeedConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    Vertx vertx;

    @Inject
    @Channel("post-info-out")
    MutinyEmitter<String> emitter;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean stopped;
    private long sweepTimer = -1;

    void start(@Observes StartupEvent started) {
        sweepTimer = vertx.setPeriodic(config.postInfo().sweepInterval().toMillis(), ignored -> wake());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
    }

    /** Asks for a pass; returns at once. A request during a pass makes that pass go round once more. */
    @Override
    public void wake() {
        requested.set(true);
        if (!stopped && running.compareAndSet(false, true)) {
            runPass();
        }
    }

    private void runPass() {
        requested.set(false);
        drain().subscribe().with(ignored -> passEnded(true), failure -> {
            LOG.warnf("post-info relay pass failed, the next sweep retries: %s", failure.toString());
            passEnded(false);
        });
    }

    private void passEnded(boolean completed) {
        running.set(false);
        // A failed pass waits for the next sweep instead of spinning against a broken broker or store.
        if (completed && requested.get() && !stopped && running.compareAndSet(false, true)) {
            runPass();
        }
    }

    /** Publishes batches of pending posts until none is left. */
    private Uni<Void> drain() {
        int batch = config.postInfo().publishBatch();
        return posts.pendingInfo(batch).chain(pending -> pending.isEmpty() ? Uni.createFrom().item(0)
                        : publish(pending).replaceWith(pending.size()))
                .chain(count -> count == batch ? drain() : Uni.createFrom().voidItem());
    }

    private Uni<Void> publish(List<PostState> pending) {
        List<Uni<Void>> sends = new ArrayList<>(pending.size());
        Map<String, List<PostState>> bySite = pending.stream().collect(Collectors.groupingBy(PostState::site));
        bySite.forEach((site, states) -> sends.add(latestComments(site, states).chain(latest -> {
            List<Uni<Void>> perPost = new ArrayList<>(states.size());
            for (PostState state : states) {
                Long latestId = state.latestCommentId();
                PostInfoChanged info = toInfo(state, latestId == null ? null : latest.get(latestId));
                perPost.add(emitter.sendMessage(toMessage(info))
                        .chain(() -> posts.markPublished(state))
                        .replaceWithVoid());
            }
            return Uni.join().all(perPost).andFailFast().replaceWithVoid();
        })));
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<Map<Long, StoredComment>> latestComments(String site, List<PostState> states) {
        List<Long> ids = states.stream().map(PostState::latestCommentId).filter(id -> id != null).toList();
        return comments.byIds(site, ids)
                .map(found -> found.stream().collect(Collectors.toMap(StoredComment::id, Function.identity())));
    }

    static PostInfoChanged toInfo(PostState state, StoredComment latest) {
        PostComment comment = latest == null ? null
                : new PostComment(latest.id(), latest.parentId(), latest.text(), latest.html(), latest.authorName(),
                        RemarkUsers.id(latest), latest.created(), latest.modified(), latest.version());
        return new PostInfoChanged(state.site(), state.url(), state.title(), state.readOnly(), state.count(),
                state.firstTime(), state.lastTime(), comment, state.version());
    }

    private Message<String> toMessage(PostInfoChanged info) {
        String key = Topics.postKey(info.site(), info.postUrl());
        // The same post at the same version gets the same event id on every replica.
        String id = UUID.nameUUIDFromBytes((key + "@" + info.version()).getBytes(StandardCharsets.UTF_8)).toString();
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(id)
                .withType(FeedEventTypes.POST_INFO)
                .withSource(SOURCE)
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.POST_INFO)
                .withKey(key)
                .build();
        return Message.of(json(info), Metadata.of(cloudEvent, kafka));
    }

    private String json(PostInfoChanged info) {
        try {
            return mapper.writeValueAsString(info);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("post info cannot be written as JSON", e);
        }
    }
}
