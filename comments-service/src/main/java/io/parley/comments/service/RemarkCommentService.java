package io.parley.comments.service;

import io.parley.events.comments.ClientNetworks;
import io.parley.comments.config.ParleyConfig;
import io.parley.comments.config.RemarkConfig;
import io.parley.comments.messaging.OutboxRelay;
import io.parley.comments.repository.CommentEntity;
import io.parley.comments.repository.CommentRepository;
import io.parley.comments.repository.PostEntity;
import io.parley.comments.repository.PostRepository;
import io.parley.comments.repository.UserStateRepository;
import io.parley.events.comments.CommentEdited;
import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.parley.events.comments.PostUpdated;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Remark42 writes on the comments the Isso dialect serves: each change and its comment event in one transaction,
 * published by the outbox relay. Deleting follows the shared rules of {@link CommentService#delete}.
 */
@ApplicationScoped
public class RemarkCommentService {

    @Inject
    RemarkConfig config;

    @Inject
    ParleyConfig parley;

    @Inject
    PostRepository posts;

    @Inject
    CommentRepository comments;

    @Inject
    CommentService commentService;

    @Inject
    UserStateRepository userStates;

    @Inject
    RemarkReadService reads;

    @Inject
    MarkdownRenderer markdown;

    @Inject
    ModerationLinks moderationLinks;

    @Inject
    PageTitleFetcher titles;

    @Inject
    OutboxRelay relay;

    private AuthorHasher hasher;

    @PostConstruct
    void init() {
        hasher = new AuthorHasher(parley.hash().algorithm(), parley.hash().salt());
    }

    private int maxSize() {
        return config.maxCommentSize() > 0 ? config.maxCommentSize() : 2048;
    }

    /** The HTML {@code text} would get, after the same validation as a new comment. */
    public String preview(String text, RemarkAuthor author) {
        String clean = IssoRules.withoutNul(text);
        RemarkRules.validate(clean, config.minCommentSize(), maxSize(), author, markdown.linkDestinations(clean));
        return markdown.render(clean, MarkdownRenderer.Flavour.REMARK42);
    }

    /** Posts a comment (a reply when {@code pid} is not null) and answers it as stored. */
    public Uni<RemarkComment> post(String site, String url, String title, String text, Long pid, RemarkAuthor author) {
        String html = preview(text, author);
        String clean = IssoRules.withoutNul(text);
        if (url == null || url.isEmpty() || url.indexOf('\0') >= 0
                || url.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > RemarkRules.MAX_URL_BYTES) {
            throw RemarkRejection.badRequest(RemarkRejection.VALIDATION, "invalid locator url", "invalid comment");
        }
        String cleanTitle = title == null || title.isBlank() ? null : RemarkRules.userName(IssoRules.withoutNul(title));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return userStates.blockedUntil(site, author.id()).flatMap(blockedUntil -> {
            if (blockedUntil != null && blockedUntil.isAfter(now)) {
                throw RemarkRejection.forbidden(RemarkRejection.USER_BLOCKED, "user " + author.id() + " is blocked",
                        "rejected");
            }
            return Transactions.withTransaction(() -> posts.findOrCreate(site, url, cleanTitle)
                    .call(post -> requireWritable(post, now))
                    .flatMap(post -> parent(pid, post).flatMap(parent -> {
                        if (post.title == null && cleanTitle != null) {
                            post.title = cleanTitle;
                        }
                        CommentEntity c = new CommentEntity();
                        c.postId = post.id;
                        c.parentId = parent == null ? null : (parent.parentId != null ? parent.parentId : parent.id);
                        c.replyTo = parent == null ? null : parent.id;
                        c.state = CommentState.PUBLISHED;
                        c.text = clean;
                        c.html = html;
                        c.author = RemarkRules.userName(author.name());
                        c.clientNetwork = ClientNetworks.anonymise(author.clientAddress());
                        c.authorHash = hasher.hash(author.id());
                        c.created = now;
                        c.version = 1;
                        c.userId = author.id();
                        c.userPicture = author.picture();
                        c.userAdmin = author.admin();
                        return comments.persistAndFlush(c).flatMap(saved -> moderationLinks.key(saved.id)
                                .flatMap(key -> commentService.publish(post, CommentEventTypes.POSTED,
                                        new CommentPosted(post.site, post.uri, CommentService.data(post, saved), key)))
                                .replaceWith(saved.id));
                    })));
        }).invoke(relay::trigger).flatMap(id -> reads.one(id, site, url));
    }

    /** Read-only posts (admin flag, or {@code readonly-age}) take no new comments: 403 code 8. */
    private Uni<Void> requireWritable(PostEntity post, Instant now) {
        if (post.readOnly) {
            return Uni.createFrom().failure(readOnly());
        }
        return tooOld(post, now).map(old -> {
            if (old) {
                throw readOnly();
            }
            return null;
        });
    }

    private static RemarkRejection readOnly() {
        return RemarkRejection.forbidden(RemarkRejection.READ_ONLY, "post is read-only", "old post, read-only");
    }

    /** Remark42's {@code READONLY_AGE}: the post's first comment is older than that many days. */
    private Uni<Boolean> tooOld(PostEntity post, Instant now) {
        if (config.readonlyAge() <= 0) {
            return Uni.createFrom().item(false);
        }
        return comments.find("postId", Sort.by("created"), post.id).firstResult().map(first -> first != null
                && first.created.plus(Duration.ofDays(config.readonlyAge())).isBefore(now));
    }

    /** The published comment {@code pid} of this post, or null for a top-level comment; unknown → 400 code 4. */
    private Uni<CommentEntity> parent(Long pid, PostEntity post) {
        if (pid == null) {
            return Uni.createFrom().nullItem();
        }
        return comments.findInPost(pid, post.id).map(parent -> {
            if (parent == null || parent.state != CommentState.PUBLISHED) {
                throw RemarkRejection.badRequest(RemarkRejection.VALIDATION, "parent comment not found",
                        "invalid comment");
            }
            return parent;
        });
    }

    /**
     * The author's edit: within the edit window and while nobody replied (both waived for admins when
     * {@code admin-edit} is on); {@code delete} deletes it instead. Answers the comment as it now is.
     */
    public Uni<RemarkComment> edit(String site, long id, RemarkAuthor author, String text, String summary,
                                   boolean delete) {
        String clean = delete ? null : IssoRules.withoutNul(text);
        String html = delete ? null : preview(clean, author);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Uni<RemarkComment> checked = Transactions.withTransaction(() -> lockInSite(site, id).flatMap(locked -> {
            CommentEntity c = locked.comment();
            if (c.userId == null || !c.userId.equals(author.id())) {
                throw RemarkRejection.forbidden(RemarkRejection.NO_ACCESS, "can not edit comments for other users",
                        "can't edit comment");
            }
            boolean unrestricted = author.admin() && config.adminEdit();
            Duration window = config.editDuration();
            if (!unrestricted && !window.isZero() && now.isAfter(c.created.plus(window))) {
                throw RemarkRejection.badRequest(RemarkRejection.EDIT_EXPIRED, "too late to edit comment",
                        "can't edit comment");
            }
            Uni<Long> replies = unrestricted ? Uni.createFrom().item(0L)
                    : comments.count("(replyTo = ?1 or (replyTo is null and parentId = ?1)) and state = ?2", c.id,
                            CommentState.PUBLISHED);
            return replies.flatMap(n -> {
                if (n > 0) {
                    throw RemarkRejection.badRequest(RemarkRejection.HAS_REPLIES,
                            "parent comment with reply can't be edited", "can't edit comment");
                }
                if (delete) {
                    return Uni.createFrom().item((Long) null);
                }
                c.text = clean;
                c.html = html;
                c.modified = now;
                c.editSummary = summary == null ? "" : IssoRules.withoutNul(summary);
                c.version++;
                return publishEdited(locked.post(), c).replaceWith(c.id);
            }).replaceWith(snapshot(locked.post(), c));
        }));
        return checked.invoke(relay::trigger).flatMap(before -> delete ? deleted(before) : reads.one(id, site, null));
    }

    /** Deletes the comment (shared rules) and answers it as Remark42 shows a deleted comment. */
    private Uni<RemarkComment> deleted(RemarkComment before) {
        return commentService.delete(before.id(), text -> true).replaceWith(withState(before));
    }

    /** An admin's delete of comment {@code id} of {@code site}. */
    public Uni<RemarkComment> adminDelete(String site, long id, String url) {
        return reads.one(id, site, url).flatMap(this::deleted);
    }

    /** An admin pins or unpins a comment; a {@code comment.edited} event carries the pin. */
    public Uni<RemarkComment> pin(String site, long id, boolean pin) {
        return Transactions.withTransaction(() -> lockInSite(site, id).flatMap(locked -> {
                    CommentEntity c = locked.comment();
                    if (c.pinned == pin) {
                        return Uni.createFrom().voidItem();
                    }
                    c.pinned = pin;
                    c.version++;
                    return publishEdited(locked.post(), c);
                }))
                .invoke(relay::trigger).flatMap(ignored -> reads.one(id, site, null));
    }

    /**
     * An admin sets or clears the read-only flag of a post (created empty when unknown, as Remark42 allows);
     * age-based read-only cannot be cleared (403 code 17). Announced as {@code post.updated}.
     */
    public Uni<Boolean> readOnly(String site, String url, boolean readOnly) {
        if (url == null || url.isEmpty() || url.indexOf('\0') >= 0
                || url.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > RemarkRules.MAX_URL_BYTES) {
            throw RemarkRejection.badRequest(RemarkRejection.POST_NOT_FOUND, "invalid url", "can't set readonly");
        }
        Instant now = Instant.now();
        return Transactions.withTransaction(() -> posts.findOrCreate(site, url, null)
                        .flatMap(post -> tooOld(post, now).flatMap(old -> {
                            if (old && !readOnly) {
                                throw RemarkRejection.forbidden(RemarkRejection.ACTION_REJECTED,
                                        "post is read-only by age", "can't change read-only status");
                            }
                            if (post.readOnly == readOnly) {
                                return Uni.createFrom().voidItem();
                            }
                            post.readOnly = readOnly;
                            return publishPostUpdated(post);
                        })))
                .invoke(relay::trigger).replaceWith(readOnly);
    }

    /** An admin re-reads the title of the post of comment {@code id} from the page (configured sites only). */
    public Uni<RemarkComment> refreshTitle(String site, long id, String url) {
        return reads.one(id, site, url).flatMap(c -> titles.fetch(URI.create(c.postUrl()))
                        .map(page -> page.documentTitle())
                        .onFailure().transform(e -> new RemarkRejection(500, RemarkRejection.INTERNAL,
                                "can't get title of " + c.postUrl(), "can't set title"))
                        .flatMap(title -> Transactions.withTransaction(() -> posts.findBySiteAndUri(c.site(),
                                c.postUrl()).flatMap(post -> {
                                    String clean = title == null || title.isBlank() ? null
                                            : RemarkRules.userName(title.strip());
                                    if (post == null || java.util.Objects.equals(post.title, clean)) {
                                        return Uni.createFrom().voidItem();
                                    }
                                    post.title = clean;
                                    return publishPostUpdated(post);
                                })))
                        .replaceWith(c))
                .invoke(relay::trigger);
    }

    private Uni<Void> publishEdited(PostEntity post, CommentEntity c) {
        return commentService.publish(post, CommentEventTypes.EDITED,
                new CommentEdited(post.site, post.uri, CommentService.data(post, c)));
    }

    private Uni<Void> publishPostUpdated(PostEntity post) {
        post.version++;
        return commentService.publish(post, CommentEventTypes.POST_UPDATED,
                new PostUpdated(post.site, post.uri, post.title, post.readOnly, post.version));
    }

    private record Locked(PostEntity post, CommentEntity comment) {
    }

    /** Post and comment locked for update (the order the shared delete uses); missing or elsewhere → code 1. */
    private Uni<Locked> lockInSite(String site, long id) {
        return posts.lockPostOfComment(id).flatMap(post -> {
            if (post == null || !post.site.equals(site)) {
                throw new CommentNotFoundException(id);
            }
            return comments.findById(id, LockModeType.PESSIMISTIC_WRITE).map(c -> {
                if (c == null || c.state != CommentState.PUBLISHED) {
                    throw new CommentNotFoundException(id);
                }
                return new Locked(post, c);
            });
        });
    }

    private static RemarkComment snapshot(PostEntity post, CommentEntity c) {
        return new RemarkComment(c.id, c.parentId, c.replyTo, c.state, c.text, c.html, c.author, c.authorHash,
                c.userId, c.userPicture, c.userAdmin, c.created, c.modified, c.editSummary, c.pinned, c.likes,
                c.dislikes, post.site, post.uri, post.title, null, false);
    }

    private static RemarkComment withState(RemarkComment c) {
        return new RemarkComment(c.id(), c.parentId(), c.replyTo(), CommentState.DELETED, "", "", c.author(),
                c.authorHash(), c.userId(), c.userPicture(), c.userAdmin(), c.created(), null, null, false, 0, 0,
                c.site(), c.postUrl(), c.postTitle(), c.blockedUntil(), c.verified());
    }
}
