package io.parley.comments.repository;

import io.parley.events.comments.CommentState;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class CommentRepository implements PanacheRepository<CommentEntity> {

    /** The comment with {@code id} in post {@code postId}, or null. */
    public Uni<CommentEntity> findInPost(long id, long postId) {
        return find("id = ?1 and postId = ?2", id, postId).firstResult();
    }

    /**
     * Serialises the posting transactions of one client network until commit, so concurrent requests cannot all
     * pass the guard's counts (a transaction-scoped PostgreSQL advisory lock on the network's hash).
     */
    public Uni<Void> lockNetwork(String network) {
        return getSession().flatMap(session -> session
                        .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(?1))) locked",
                                Integer.class)
                        .setParameter(1, network)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** Comments (any state) from {@code network} created after {@code since} (index comments_network_created_idx). */
    public Uni<Long> countByNetworkSince(String network, Instant since) {
        return count("clientNetwork = ?1 and created > ?2", network, since);
    }

    /** Top-level comments (any state) from {@code network} in post {@code postId} (index comments_post_network_idx). */
    public Uni<Long> countTopLevelByNetwork(long postId, String network) {
        return count("postId = ?1 and clientNetwork = ?2 and parentId is null", postId, network);
    }

    /** Whether {@code email} has a published comment created after {@code since} (index comments_email_created_idx). */
    public Uni<Boolean> hasPublishedByEmailSince(String email, Instant since) {
        return count("email = ?1 and state = ?2 and created > ?3", email, CommentState.PUBLISHED, since)
                .map(n -> n > 0);
    }

    /** Ids of pending comments created before {@code before}, oldest first (index comments_state_created_idx). */
    public Uni<List<Long>> pendingIdsBefore(Instant before, int limit) {
        return find("state = ?1 and created < ?2", Sort.by("created"), CommentState.PENDING, before)
                .page(0, limit).list().map(found -> found.stream().map(c -> c.id).toList());
    }
}
