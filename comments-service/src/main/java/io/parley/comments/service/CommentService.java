package io.parley.comments.service;

import io.parley.comments.config.ParleyConfig;
import io.parley.comments.messaging.OutboxRelay;
import io.parley.comments.messaging.OutboxWriter;
import io.parley.comments.repository.CommentEntity;
import io.parley.comments.repository.CommentRepository;
import io.parley.comments.repository.PostEntity;
import io.parley.comments.repository.PostRepository;
import io.parley.events.Topics;
import io.parley.events.comments.CommentAuthor;
import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Writing comments: one transaction stores the comment and its event; the relay publishes after commit. */
@ApplicationScoped
public class CommentService {

    @Inject
    ParleyConfig config;

    @Inject
    PostRepository posts;

    @Inject
    CommentRepository comments;

    @Inject
    OutboxWriter outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    MarkdownRenderer markdown;

    private AuthorHasher hasher;

    @PostConstruct
    void init() {
        hasher = new AuthorHasher(config.hash().algorithm(), config.hash().salt());
    }

    public Uni<Comment> post(NewComment request) {
        String network = ClientNetworks.anonymise(request.clientAddress());
        String hash = hasher.hash(request.email() != null && !request.email().isEmpty() ? request.email() : network);
        CommentState state = config.isso().moderation().enabled() ? CommentState.PENDING : CommentState.PUBLISHED;
        // Rendered once here; readers get the stored HTML.
        String html = markdown.render(request.text());
        return Panache.withTransaction(() -> posts.findOrCreate(request.site(), request.uri(), request.title())
                        .flatMap(post -> topLevelParent(request.parentId(), post)
                                .flatMap(parentId -> {
                                    CommentEntity entity = new CommentEntity();
                                    entity.postId = post.id;
                                    entity.parentId = parentId;
                                    entity.state = state;
                                    entity.text = request.text();
                                    entity.html = html;
                                    entity.author = request.author();
                                    entity.email = request.email();
                                    entity.website = request.website();
                                    entity.clientNetwork = network;
                                    entity.authorHash = hash;
                                    entity.notification = request.notification();
                                    // PostgreSQL keeps microseconds: store exactly what the response shows.
                                    entity.created = Instant.now().truncatedTo(ChronoUnit.MICROS);
                                    entity.version = 1;
                                    return comments.persistAndFlush(entity)
                                            .flatMap(saved -> outbox.append(Topics.COMMENT_EVENTS,
                                                            Topics.postKey(post.site, post.uri),
                                                            CommentEventTypes.POSTED, posted(post, saved))
                                                    .replaceWith(saved));
                                })))
                .invoke(relay::trigger)
                .map(CommentService::toComment);
    }

    /** Null for a top-level comment; otherwise the top-most ancestor of {@code parentId} within this post. */
    private Uni<Long> topLevelParent(Long parentId, PostEntity post) {
        if (parentId == null || parentId == 0) {
            return Uni.createFrom().nullItem();
        }
        return comments.findInPost(parentId, post.id).flatMap(parent -> {
            if (parent == null) {
                return Uni.createFrom().nullItem();
            }
            if (parent.parentId == null) {
                return Uni.createFrom().item(parent.id);
            }
            return topLevelParent(parent.parentId, post).map(ancestor -> ancestor == null ? parent.id : ancestor);
        });
    }

    private static CommentPosted posted(PostEntity post, CommentEntity c) {
        CommentAuthor author = new CommentAuthor(c.author, null, c.email, c.website, c.authorHash, c.clientNetwork,
                c.notification != null && c.notification != 0);
        CommentData data = new CommentData(c.id, c.parentId, c.state, author, c.text, c.html, post.title, c.created,
                c.modified, c.version);
        return new CommentPosted(post.site, post.uri, data);
    }

    static Comment toComment(CommentEntity c) {
        return new Comment(c.id, c.parentId, c.state, c.text, c.html, c.author, c.website, c.authorHash,
                c.notification, c.created, c.modified, c.likes, c.dislikes);
    }
}
