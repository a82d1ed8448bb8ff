package io.parley.feed.repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;

import com.mongodb.client.model.Filters;


import io.parley.events.votes.VoteCast;
import io.parley.events.votes.VoteTotals;
import io.parley.feed.config.FeedConfig;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * One MongoDB document per voted comment, {@code _id = site|commentId}, holding the totals with the highest
 * vote version seen. Kept apart from the comment documents: votes and comments travel on different topics,
 * so either may arrive first, and a comment replace must never wipe its totals.
 */
@ApplicationScoped
public class VoteRepository {

    static final String ID = "_id";
    static final String SITE = "site";
    static final String POST_URL = "postUrl";
    static final String COMMENT_ID = "id";
    static final String LIKES = "likes";
    static final String DISLIKES = "dislikes";
    static final String SCORE = "score";
    static final String CONTROVERSY = "controversy";
    static final String VERSION = "version";

    @Inject
    ReactiveMongoClient client;

    @Inject
    FeedConfig config;

    private ReactiveMongoCollection<Document> votes;

    @PostConstruct
    void init() {
        votes = client.getDatabase(config.store().database()).getCollection(config.store().voteCollection());
    }

    /**
     * Stores the totals unless a version at least as new is stored already.
     *
     * @return true if the read model changed
     */
    public Uni<Boolean> upsertIfNewer(VoteCast vote) {
        return VersionedUpsert.replaceIfNewer(votes, CommentRepository.key(vote.site(), vote.commentId()),
                vote.version(), toDocument(vote));
    }

    /** The totals of the given comments of a site that have votes; comments without votes are absent. */
    public Uni<Map<Long, VoteTotals>> totals(String site, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return votes.find(Filters.in(ID, ids.stream().distinct().map(id -> CommentRepository.key(site, id)).toList()))
                .collect().in(HashMap::new, (map, document) -> map.put(number(document.get(COMMENT_ID)),
                        new VoteTotals(number(document.get(LIKES)), number(document.get(DISLIKES)),
                                number(document.get(SCORE)), decimal(document.get(CONTROVERSY)))));
    }

    static Document toDocument(VoteCast vote) {
        VoteTotals totals = vote.totals();
        return new Document(ID, CommentRepository.key(vote.site(), vote.commentId()))
                .append(SITE, vote.site())
                .append(POST_URL, vote.postUrl())
                .append(COMMENT_ID, vote.commentId())
                .append(LIKES, totals.likes())
                .append(DISLIKES, totals.dislikes())
                .append(SCORE, totals.score())
                .append(CONTROVERSY, totals.controversy())
                .append(VERSION, vote.version());
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }

    private static double decimal(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0.0;
    }
}
