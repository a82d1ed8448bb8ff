package io.parley.feed.service;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.events.comments.CommentState;
import io.parley.feed.repository.CommentRepository;
import io.smallrye.mutiny.Uni;

/** What Remark42's three RSS feeds list (remark42.md §6), each entry with the comment it replies to. */
@ApplicationScoped
public class RemarkRssService {

    /** Items per feed. Remark42's loops stop at 20-22 items; 20 for all three here. */
    static final int ITEMS = 20;
    /** The reply feed looks for replies among this many newest comments of the site, as Remark42 does. */
    static final int REPLY_WINDOW = 1000;
    static final Duration REPLY_MAX_AGE = Duration.ofDays(31);

    private static final Set<CommentState> PUBLISHED = EnumSet.of(CommentState.PUBLISHED);
    /** A post feed shows deleted comments too (with empty text), as Remark42's does. */
    private static final Set<CommentState> IN_POST_FEED = EnumSet.of(CommentState.PUBLISHED,
            CommentState.DELETED_PLACEHOLDER, CommentState.DELETED);

    /** A feed item: a comment and, for a reply, the comment it answers (null when unknown). */
    public record Entry(StoredComment comment, StoredComment parent) {
    }

    @Inject
    CommentRepository repository;

    /** All comments of a post, newest first. */
    public Uni<List<Entry>> post(String site, String postUrl) {
        return repository.newestOfPost(site, postUrl, IN_POST_FEED, ITEMS).chain(comments -> withParents(site, comments));
    }

    /** The newest published comments of a site. */
    public Uni<List<Entry>> site(String site) {
        return repository.newest(site, PUBLISHED, null, ITEMS).chain(comments -> withParents(site, comments));
    }

    /** Replies by others to comments of {@code userId} in the last 31 days, newest first. */
    public Uni<List<Entry>> repliesTo(String site, String userId, Instant now) {
        Instant since = now.minus(REPLY_MAX_AGE);
        return repository.newest(site, PUBLISHED, since, REPLY_WINDOW)
                .chain(comments -> withParents(site, comments.stream().filter(c -> c.parentId() != null).toList()))
                .map(entries -> entries.stream()
                        .filter(entry -> entry.parent() != null && userId.equals(RemarkUsers.id(entry.parent()))
                                && !userId.equals(RemarkUsers.id(entry.comment())))
                        .limit(ITEMS)
                        .toList());
    }

    private Uni<List<Entry>> withParents(String site, List<StoredComment> comments) {
        List<Long> parentIds = comments.stream().map(StoredComment::parentId).filter(Objects::nonNull).toList();
        return repository.byIds(site, parentIds).map(parents -> {
            Map<Long, StoredComment> byId = parents.stream()
                    .collect(Collectors.toMap(StoredComment::id, Function.identity(), (a, b) -> a));
            return comments.stream()
                    .map(c -> new Entry(c, c.parentId() == null ? null : byId.get(c.parentId())))
                    .toList();
        });
    }
}
