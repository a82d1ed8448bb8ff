package io.parley.comments.service;

import io.parley.comments.config.RemarkConfig;
import io.parley.comments.repository.RemarkCommentRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Remark42 reads: one query per request, shaping in memory (as the Isso listing does). */
@ApplicationScoped
public class RemarkReadService {

    /** Remark42's cap of {@code /comments?user=} and of a site-wide {@code /find}. */
    public static final int USER_LIMIT = 500;
    public static final int SITE_LIMIT = 1000;

    @Inject
    RemarkCommentRepository repository;

    @Inject
    RemarkConfig config;

    /** The visible comments of one post and whether it takes no new comments. */
    public record Post(List<RemarkComment> comments, boolean readOnly) {
    }

    public Uni<Post> post(String site, String url) {
        if (url.indexOf('\0') >= 0) {
            // PostgreSQL text cannot hold U+0000, so no post has such a URL.
            return Uni.createFrom().item(new Post(List.of(), false));
        }
        return repository.post(site, url).flatMap(flags -> flags == null
                ? Uni.createFrom().item(new Post(List.of(), false))
                : repository.ofPost(site, url).map(found -> new Post(found, flags.readOnly() || tooOld(found))));
    }

    /** Remark42's {@code READONLY_AGE}: the post's first comment is older than that many days. */
    boolean tooOld(List<RemarkComment> comments) {
        if (config.readonlyAge() <= 0 || comments.isEmpty()) {
            return false;
        }
        Instant first = comments.stream().map(RemarkComment::created).min(Instant::compareTo).orElseThrow();
        return first.plus(Duration.ofDays(config.readonlyAge())).isBefore(Instant.now());
    }

    public Uni<RemarkComment> one(long id, String site, String url) {
        return repository.one(id, site, url).map(found -> {
            if (found == null) {
                throw new CommentNotFoundException(id);
            }
            return found;
        });
    }

    /** A user's page of published comments, newest first, and the number of all their comments. */
    public record UserComments(List<RemarkComment> comments, long count) {
    }

    public Uni<UserComments> ofUser(String site, String userId, int limit, int skip) {
        // Comments posted through Isso carry no user id: their Remark42 id is anonymous_<author hash>.
        String hash = userId.startsWith("anonymous_") ? userId.substring("anonymous_".length()) : null;
        return repository.ofUser(site, userId, hash, limit, skip)
                .flatMap(page -> repository.countOfUser(site, userId, hash)
                        .map(count -> new UserComments(page, count)));
    }

    public Uni<List<RemarkComment>> newestOfSite(String site) {
        return repository.newestOfSite(site, SITE_LIMIT);
    }
}
