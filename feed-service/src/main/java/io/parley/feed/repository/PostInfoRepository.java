package io.parley.feed.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import io.parley.events.Topics;
import io.parley.events.comments.CommentState;
import io.parley.feed.config.FeedConfig;
import io.parley.feed.service.CommentEntry;
import io.parley.feed.service.PostState;
import io.parley.feed.service.PostSummary;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * One MongoDB document per post, {@code _id = site|url}. The derived fields sit at the top level so count
 * reads project them and never load the per-comment map. Writes use an optimistic check on {@code rev}
 * instead of transactions (the mongo-java-server of the local stack has none).
 */
@ApplicationScoped
public class PostInfoRepository {

    static final String ID = "_id";
    static final String SITE = "site";
    static final String URL = "url";
    static final String TITLE = "title";
    static final String READ_ONLY = "readOnly";
    static final String COUNT = "count";
    static final String FIRST_TIME = "firstTime";
    static final String LAST_TIME = "lastTime";
    static final String REVISION = "rev";
    static final String COMMENTS = "comments";
    static final String VERSION = "v";
    static final String STATE = "state";
    static final String CREATED = "created";
    static final String POST_VERSION = "postVersion";
    static final String INFO_VERSION = "infoVersion";
    static final String INFO_PENDING = "infoPending";

    private static final Bson SUMMARY_FIELDS = Projections.include(SITE, URL, TITLE, READ_ONLY, COUNT, FIRST_TIME,
            LAST_TIME);

    @Inject
    ReactiveMongoClient client;

    @Inject
    FeedConfig config;

    private ReactiveMongoCollection<Document> posts;

    @PostConstruct
    void init() {
        posts = client.getDatabase(config.store().database()).getCollection(config.store().postCollection());
    }

    /** The full state of a post (with its comment entries), for the projector. */
    public Uni<Optional<PostState>> find(String site, String url) {
        return posts.find(Filters.eq(ID, Topics.postKey(site, url))).collect().first()
                .map(document -> Optional.ofNullable(document).map(PostInfoRepository::toState));
    }

    /**
     * Stores a post that was not stored yet.
     *
     * @return false when another writer stored it first (the caller re-reads and retries)
     */
    public Uni<Boolean> insert(PostState state) {
        return posts.insertOne(toDocument(state, 1)).map(ignored -> true)
                .onFailure(PostInfoRepository::isDuplicateKey).recoverWithItem(false);
    }

    /**
     * Replaces a post if it is still at the revision it was read at.
     *
     * @return false when another writer changed it meanwhile (the caller re-reads and retries)
     */
    public Uni<Boolean> replace(PostState state) {
        Bson unchanged = Filters.and(Filters.eq(ID, Topics.postKey(state.site(), state.url())),
                Filters.eq(REVISION, state.revision()));
        return posts.replaceOne(unchanged, toDocument(state, state.revision() + 1))
                .map(result -> result.getMatchedCount() == 1);
    }

    /** The summaries of the given posts of one site that exist; unknown URLs are simply absent. */
    public Uni<List<PostSummary>> summaries(String site, Collection<String> urls) {
        if (urls.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = urls.stream().distinct().map(url -> Topics.postKey(site, url)).toList();
        return posts.find(Filters.in(ID, ids), new FindOptions().projection(SUMMARY_FIELDS))
                .map(PostInfoRepository::toSummary)
                .collect().asList();
    }

    /** The summaries of every post of a site (no comment entries loaded). */
    public Multi<PostSummary> siteSummaries(String site) {
        return posts.find(Filters.eq(SITE, site), new FindOptions().projection(SUMMARY_FIELDS))
                .map(PostInfoRepository::toSummary);
    }

    /**
     * One page of the posts of a site that have published comments, in Remark42's order (URL keys descending).
     * {@code limit} 0 means all.
     */
    public Uni<List<PostSummary>> commentedPosts(String site, int skip, int limit) {
        FindOptions page = new FindOptions().projection(SUMMARY_FIELDS).sort(Sorts.descending(URL)).skip(skip)
                .limit(limit);
        return posts.find(Filters.and(Filters.eq(SITE, site), Filters.gt(COUNT, 0)), page)
                .map(PostInfoRepository::toSummary)
                .collect().asList();
    }

    /** Posts whose info changed since it was last published on {@code post-info} (the outbox of that topic). */
    public Uni<List<PostState>> pendingInfo(int limit) {
        return posts.find(Filters.eq(INFO_PENDING, true), new FindOptions().limit(limit))
                .map(PostInfoRepository::toState)
                .collect().asList();
    }

    /**
     * Clears the pending marker of a post if it has not changed since {@code state} was read (its info version
     * is the one published); bumps the revision so a projector holding an older read retries.
     */
    public Uni<Boolean> markPublished(PostState state) {
        Bson unchanged = Filters.and(Filters.eq(ID, Topics.postKey(state.site(), state.url())),
                Filters.eq(INFO_VERSION, state.version()), Filters.eq(INFO_PENDING, true));
        return posts.updateOne(unchanged, Updates.combine(Updates.set(INFO_PENDING, false), Updates.inc(REVISION, 1L)))
                .map(result -> result.getModifiedCount() == 1);
    }

    private static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof MongoWriteException write
                && ErrorCategory.fromErrorCode(write.getError().getCode()) == ErrorCategory.DUPLICATE_KEY;
    }

    private static Document toDocument(PostState state, long revision) {
        Document comments = new Document();
        state.comments().forEach((id, entry) -> comments.append(Long.toString(id), new Document()
                .append(VERSION, entry.version())
                .append(STATE, entry.state().name())
                .append(CREATED, toDate(entry.created()))));
        return new Document(ID, Topics.postKey(state.site(), state.url()))
                .append(SITE, state.site())
                .append(URL, state.url())
                .append(TITLE, state.title())
                .append(READ_ONLY, state.readOnly())
                .append(COUNT, state.count())
                .append(FIRST_TIME, toDate(state.firstTime()))
                .append(LAST_TIME, toDate(state.lastTime()))
                .append(POST_VERSION, state.postVersion())
                .append(INFO_VERSION, state.version())
                .append(INFO_PENDING, state.infoPending())
                .append(REVISION, revision)
                .append(COMMENTS, comments);
    }

    private static PostState toState(Document document) {
        Map<Long, CommentEntry> entries = new HashMap<>();
        Document comments = document.get(COMMENTS, Document.class);
        if (comments != null) {
            comments.forEach((id, value) -> {
                Document entry = (Document) value;
                entries.put(Long.parseLong(id), new CommentEntry(number(entry, VERSION),
                        CommentState.valueOf(entry.getString(STATE)), toInstant(entry.getDate(CREATED))));
            });
        }
        return new PostState(document.getString(SITE), document.getString(URL), document.getString(TITLE),
                Boolean.TRUE.equals(document.getBoolean(READ_ONLY)), entries, (int) number(document, COUNT),
                toInstant(document.getDate(FIRST_TIME)), toInstant(document.getDate(LAST_TIME)),
                number(document, POST_VERSION), Boolean.TRUE.equals(document.getBoolean(INFO_PENDING)),
                number(document, REVISION));
    }

    private static PostSummary toSummary(Document document) {
        return new PostSummary(document.getString(SITE), document.getString(URL), document.getString(TITLE),
                (int) number(document, COUNT), toInstant(document.getDate(FIRST_TIME)),
                toInstant(document.getDate(LAST_TIME)), Boolean.TRUE.equals(document.getBoolean(READ_ONLY)));
    }

    /** Numbers may come back as int32 or int64 depending on their size; accept both. */
    private static long number(Document document, String key) {
        Object value = document.get(key);
        return value instanceof Number n ? n.longValue() : 0L;
    }

    private static Date toDate(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant toInstant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
