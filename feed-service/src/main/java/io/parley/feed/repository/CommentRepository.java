package io.parley.feed.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import io.parley.events.comments.CommentState;
import io.parley.feed.config.FeedConfig;
import io.parley.feed.service.StoredComment;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * One MongoDB document per comment, {@code _id = site|commentId}. Writes are versioned upserts: a document is
 * replaced only by a newer version, so redeliveries and replays change nothing and deleted comments stay as
 * tombstones. No transactions and no secondary indexes are relied on (mongo-java-server has neither); every
 * read is bounded by a limit. Times are stored as epoch microseconds, the precision the events carry.
 */
@ApplicationScoped
public class CommentRepository {

    static final String ID = "_id";
    static final String SITE = "site";
    static final String POST_URL = "postUrl";
    static final String COMMENT_ID = "id";
    static final String PARENT_ID = "parentId";
    static final String STATE = "state";
    static final String AUTHOR = "author";
    static final String NAME = "name";
    static final String WEBSITE = "website";
    static final String HASH = "hash";
    static final String USER_ID = "userId";
    static final String TEXT = "text";
    static final String HTML = "html";
    static final String POST_TITLE = "postTitle";
    static final String CREATED = "created";
    static final String MODIFIED = "modified";
    static final String VERSION = "version";

    private static final Bson NEWEST_FIRST = Sorts.orderBy(Sorts.descending(CREATED), Sorts.descending(COMMENT_ID));

    @Inject
    ReactiveMongoClient client;

    @Inject
    FeedConfig config;

    private ReactiveMongoCollection<Document> comments;

    @PostConstruct
    void init() {
        comments = client.getDatabase(config.store().database()).getCollection(config.store().commentCollection());
    }

    /**
     * Stores the comment unless a version at least as new is stored already.
     *
     * @return true if the read model changed
     */
    public Uni<Boolean> upsertIfNewer(StoredComment comment) {
        return VersionedUpsert.replaceIfNewer(comments, key(comment.site(), comment.id()), comment.version(),
                toDocument(comment));
    }

    /** The newest comments of a site in the given states, newest first, optionally only those created after a time. */
    public Uni<List<StoredComment>> newest(String site, Collection<CommentState> states, Instant after, int limit) {
        Bson filter = Filters.and(Filters.eq(SITE, site), inStates(states));
        if (after != null) {
            filter = Filters.and(filter, Filters.gt(CREATED, micros(after)));
        }
        return list(filter, NEWEST_FIRST, limit);
    }

    /** The comments of one post in the given states, newest first. */
    public Uni<List<StoredComment>> newestOfPost(String site, String postUrl, Collection<CommentState> states,
                                                 int limit) {
        Bson filter = Filters.and(Filters.eq(SITE, site), Filters.eq(POST_URL, postUrl), inStates(states));
        return list(filter, NEWEST_FIRST, limit);
    }

    /** The comments of a site with the given ids that exist, in no particular order. */
    public Uni<List<StoredComment>> byIds(String site, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return comments.find(Filters.in(ID, ids.stream().distinct().map(id -> key(site, id)).toList()))
                .map(CommentRepository::toComment).collect().asList();
    }

    /** Top-level comments of a post in the given states, highest id first. */
    public Uni<List<StoredComment>> topLevel(String site, String postUrl, Collection<CommentState> states, int limit) {
        Bson filter = Filters.and(Filters.eq(SITE, site), Filters.eq(POST_URL, postUrl), Filters.eq(PARENT_ID, null),
                inStates(states));
        return list(filter, Sorts.descending(COMMENT_ID), limit);
    }

    /** Replies of a post in the given states, oldest first. */
    public Uni<List<StoredComment>> replies(String site, String postUrl, Collection<CommentState> states, int limit) {
        Bson filter = Filters.and(Filters.eq(SITE, site), Filters.eq(POST_URL, postUrl), Filters.ne(PARENT_ID, null),
                inStates(states));
        return list(filter, Sorts.orderBy(Sorts.ascending(CREATED), Sorts.descending(COMMENT_ID)), limit);
    }

    private Uni<List<StoredComment>> list(Bson filter, Bson sort, int limit) {
        if (limit <= 0) {
            return Uni.createFrom().item(List.of());
        }
        return comments.find(filter, new FindOptions().sort(sort).limit(limit))
                .map(CommentRepository::toComment).collect().asList();
    }

    private static Bson inStates(Collection<CommentState> states) {
        return Filters.in(STATE, states.stream().map(Enum::name).toList());
    }

    static String key(String site, long id) {
        return site + "|" + id;
    }

    static Document toDocument(StoredComment comment) {
        return new Document(ID, key(comment.site(), comment.id()))
                .append(SITE, comment.site())
                .append(POST_URL, comment.postUrl())
                .append(COMMENT_ID, comment.id())
                .append(PARENT_ID, comment.parentId())
                .append(STATE, comment.state().name())
                .append(AUTHOR, new Document(NAME, comment.authorName())
                        .append(WEBSITE, comment.authorWebsite())
                        .append(HASH, comment.authorHash())
                        .append(USER_ID, comment.authorUserId()))
                .append(TEXT, comment.text())
                .append(HTML, comment.html())
                .append(POST_TITLE, comment.postTitle())
                .append(CREATED, micros(comment.created()))
                .append(MODIFIED, comment.modified() == null ? null : micros(comment.modified()))
                .append(VERSION, comment.version());
    }

    static StoredComment toComment(Document document) {
        Document author = document.get(AUTHOR, Document.class);
        if (author == null) {
            author = new Document();
        }
        Object parent = document.get(PARENT_ID);
        Object modified = document.get(MODIFIED);
        return new StoredComment(document.getString(SITE), document.getString(POST_URL), number(document.get(COMMENT_ID)),
                parent instanceof Number n ? n.longValue() : null, CommentState.valueOf(document.getString(STATE)),
                author.getString(NAME), author.getString(WEBSITE), author.getString(HASH), author.getString(USER_ID),
                document.getString(TEXT), document.getString(HTML), document.getString(POST_TITLE),
                instant(number(document.get(CREATED))), modified instanceof Number n ? instant(n.longValue()) : null,
                number(document.get(VERSION)));
    }

    /** Numbers may come back as int32 or int64 depending on their size; accept both. */
    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
