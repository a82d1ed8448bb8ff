package io.parley.comments.service;

import io.parley.events.comments.ClientNetworks;
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
import io.parley.events.comments.CommentDeleted;
import io.parley.events.comments.CommentEdited;
import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentModerated;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;

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

    @Inject
    CommentGuard guard;

    @Inject
    ModerationLinks moderationLinks;

    /** Isso's look-back of {@code approve-if-email-previously-approved}. */
    static final Duration PREVIOUSLY_APPROVED_WINDOW = Duration.ofDays(183);

    private AuthorHasher hasher;

    @PostConstruct
    void init() {
        hasher = new AuthorHasher(config.hash().algorithm(), config.hash().salt());
    }

    public Uni<Comment> post(NewComment request) {
        String network = ClientNetworks.anonymise(request.clientAddress());
        String hash = hasher.hash(request.email() != null && !request.email().isEmpty() ? request.email() : network);
        // Rendered once here; readers get the stored HTML.
        String html = markdown.render(request.text());
        // PostgreSQL keeps microseconds: store exactly what the response shows.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Transactions.withTransaction(() -> posts.findOrCreate(request.site(), request.uri(), request.title())
                        .call(post -> guard.check(request, network, post, now))
                        .flatMap(post -> initialState(request, now).flatMap(state -> topLevelParent(request.parentId(), post)
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
                                    entity.created = now;
                                    entity.version = 1;
                                    return comments.persistAndFlush(entity)
                                            .flatMap(saved -> moderationLinks.key(saved.id)
                                                    .flatMap(key -> outbox.append(Topics.COMMENT_EVENTS,
                                                            Topics.postKey(post.site, post.uri),
                                                            CommentEventTypes.POSTED, posted(post, saved, key)))
                                                    .replaceWith(saved));
                                }))))
                .invoke(relay::trigger)
                .map(CommentService::toComment);
    }

    /** Pending under moderation, unless the email is known from a published comment of the last 6 months. */
    private Uni<CommentState> initialState(NewComment request, Instant now) {
        ParleyConfig.Isso.Moderation moderation = config.isso().moderation();
        if (!moderation.enabled()) {
            return Uni.createFrom().item(CommentState.PUBLISHED);
        }
        if (!moderation.approveIfEmailPreviouslyApproved() || request.email() == null || request.email().isEmpty()) {
            return Uni.createFrom().item(CommentState.PENDING);
        }
        return comments.hasPublishedByEmailSince(request.email(), now.minus(PREVIOUSLY_APPROVED_WINDOW))
                .map(known -> known ? CommentState.PUBLISHED : CommentState.PENDING);
    }

    /**
     * A moderator publishes pending comment {@code id}: version + 1 and {@code comment.moderated}.
     *
     * @return false when the comment was not pending (nothing changed)
     */
    public Uni<Boolean> activate(long id) {
        return Transactions.withTransaction(() -> comments.findById(id, LockModeType.PESSIMISTIC_WRITE).flatMap(c -> {
                    if (c == null) {
                        throw new CommentNotFoundException(id);
                    }
                    if (c.state != CommentState.PENDING) {
                        return Uni.createFrom().item(false);
                    }
                    c.state = CommentState.PUBLISHED;
                    c.version++;
                    return posts.findById(c.postId).flatMap(post -> publish(post, CommentEventTypes.MODERATED,
                            new CommentModerated(post.site, post.uri, data(post, c)))).replaceWith(true);
                }))
                .invoke(changed -> {
                    if (changed) {
                        relay.trigger();
                    }
                });
    }

    /** Deletes pending comments created before {@code before} (owner-delete semantics); the number deleted. */
    public Uni<Integer> purgePending(Instant before, int batch) {
        return Panache.withSession(() -> comments.pendingIdsBefore(before, batch)).flatMap(ids -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (long id : ids) {
                // Another replica may have purged it already: then it is simply gone.
                chain = chain.flatMap(n -> delete(id, text -> true).replaceWith(n + 1)
                        .onFailure(CommentNotFoundException.class).recoverWithItem(n));
            }
            return chain;
        });
    }

    /** The comment {@code id} in any state. */
    public Uni<Comment> find(long id) {
        return Panache.withSession(() -> comments.findById(id)).map(c -> {
            if (c == null) {
                throw new CommentNotFoundException(id);
            }
            return toComment(c);
        });
    }

    /**
     * Applies the owner's {@code edit}: text re-rendered, {@code modified} now, version + 1, {@code comment.edited}
     * in the same transaction.
     *
     * @param ownsText tells from the comment's current raw text whether the caller is its author
     */
    public Uni<Comment> edit(long id, Predicate<String> ownsText, CommentEdit edit) {
        String html = markdown.render(edit.text());
        return Transactions.withTransaction(() -> lockOwned(id, ownsText).flatMap(c -> {
                    c.text = edit.text();
                    c.html = html;
                    if (edit.authorChanged()) {
                        c.author = edit.author();
                    }
                    if (edit.websiteChanged()) {
                        c.website = edit.website();
                    }
                    c.modified = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    c.version++;
                    return posts.findById(c.postId).flatMap(post -> publish(post, CommentEventTypes.EDITED,
                            new CommentEdited(post.site, post.uri, data(post, c)))).replaceWith(c);
                }))
                .invoke(relay::trigger)
                .map(CommentService::toComment);
    }

    /**
     * The owner's delete (Isso rules): a comment with replies stays as an empty placeholder, otherwise it goes;
     * placeholders left without replies go too, and a post left without comments. One {@code comment.deleted}
     * per affected comment.
     *
     * @return the placeholder, or null when the comment was removed
     */
    public Uni<Comment> delete(long id, Predicate<String> ownsText) {
        String emptyHtml = markdown.render("");
        // The post first (then the comment): a concurrent POST /new to this post holds it share-locked, so we count
        // its comment and keep the post; or it waits for us and recreates the post.
        return Transactions.withTransaction(() -> posts.lockPostOfComment(id).flatMap(post -> lockOwned(id, ownsText)
                        // Remark42 replies at any depth name their exact parent in replyTo.
                        .flatMap(c -> comments.count("parentId = ?1 or replyTo = ?1", c.id).flatMap(replies -> {
                            Uni<CommentEntity> deleted;
                            if (replies > 0) {
                                c.state = CommentState.DELETED_PLACEHOLDER;
                                c.text = "";
                                c.html = emptyHtml;
                                c.author = null;
                                c.website = null;
                                c.version++;
                                deleted = announceDeleted(post, c).replaceWith(c);
                            } else {
                                deleted = remove(post, c).replaceWith((CommentEntity) null);
                            }
                            return deleted.call(ignored -> removeStalePlaceholders(post));
                        }))))
                .invoke(relay::trigger)
                .map(c -> c == null ? null : toComment(c));
    }

    private Uni<CommentEntity> lockOwned(long id, Predicate<String> ownsText) {
        return comments.findById(id, LockModeType.PESSIMISTIC_WRITE).map(c -> {
            if (c == null) {
                throw new CommentNotFoundException(id);
            }
            if (!ownsText.test(c.text)) {
                throw new NotCommentOwnerException(id);
            }
            return c;
        });
    }

    /** Deletes {@code c} for good and announces it (state DELETED, content dropped). */
    private Uni<Void> remove(PostEntity post, CommentEntity c) {
        c.state = CommentState.DELETED;
        c.text = "";
        c.html = "";
        c.version++;
        return announceDeleted(post, c).call(() -> comments.delete(c)).call(() -> comments.flush()).replaceWithVoid();
    }

    /** Placeholders whose last reply is gone are removed; then the post itself if nothing is left (Isso's trigger). */
    private Uni<Void> removeStalePlaceholders(PostEntity post) {
        return comments.flush()
                .chain(() -> comments.list("postId = ?1 and state = ?2 and id not in "
                        + "(select r.parentId from CommentEntity r where r.parentId is not null) and id not in "
                        + "(select r.replyTo from CommentEntity r where r.replyTo is not null)",
                        post.id, CommentState.DELETED_PLACEHOLDER))
                .chain(stale -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (CommentEntity c : stale) {
                        chain = chain.chain(() -> remove(post, c));
                    }
                    return chain;
                })
                .chain(() -> comments.count("postId", post.id))
                .chain(left -> left == 0 ? posts.delete(post).call(() -> posts.flush()) : Uni.createFrom().voidItem());
    }

    private Uni<Void> announceDeleted(PostEntity post, CommentEntity c) {
        return publish(post, CommentEventTypes.DELETED, new CommentDeleted(post.site, post.uri, data(post, c)));
    }

    /** Appends {@code event} of {@code post} to the outbox (also used by the Remark42 dialect's writes). */
    Uni<Void> publish(PostEntity post, String type, Object event) {
        return outbox.append(Topics.COMMENT_EVENTS, Topics.postKey(post.site, post.uri), type, event).replaceWithVoid();
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

    /** The event of a new comment, with its moderation key for the admin mail notify-service sends. */
    static CommentPosted posted(PostEntity post, CommentEntity c, String moderationKey) {
        return new CommentPosted(post.site, post.uri, data(post, c), moderationKey);
    }

    /** The event of an imported comment: no moderation links, and marked so that nobody is mailed about it. */
    static CommentPosted imported(PostEntity post, CommentEntity c) {
        return new CommentPosted(post.site, post.uri, data(post, c), null, true);
    }

    /** The full state of {@code c} for an event. */
    static CommentData data(PostEntity post, CommentEntity c) {
        CommentAuthor author = new CommentAuthor(c.author, c.userId, c.email, c.website, c.authorHash,
                c.clientNetwork, c.notification != null && c.notification != 0, c.userPicture);
        return new CommentData(c.id, c.parentId, c.state, author, c.text, c.html, post.title, c.created,
                c.modified, c.version, c.pinned);
    }

    static Comment toComment(CommentEntity c) {
        return new Comment(c.id, c.parentId, c.state, c.text, c.html, c.author, c.website, c.authorHash,
                c.notification, c.created, c.modified, c.likes, c.dislikes);
    }
}
