package io.parley.comments.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class PostRepository implements PanacheRepository<PostEntity> {

    public Uni<PostEntity> findBySiteAndUri(String site, String uri) {
        return find("site = ?1 and uri = ?2", site, uri).firstResult();
    }

    /**
     * The post of {@code site}/{@code uri}, created with {@code title} if it does not exist yet, share-locked until
     * the caller's transaction ends: a concurrent delete of the post's last comment (which locks the post for
     * update before it decides to remove the post, see {@link #lockPostOfComment}) waits for the new comment instead
     * of removing the post under it. Safe when two transactions create the same post at once: the loser's insert
     * does nothing and it reads the winner's row; when the post was removed while we waited, it is created anew.
     */
    public Uni<PostEntity> findOrCreate(String site, String uri, String title) {
        return findOrCreate(site, uri, title, 3);
    }

    private Uni<PostEntity> findOrCreate(String site, String uri, String title, int attempts) {
        return lockShared(site, uri).flatMap(existing -> existing != null
                ? Uni.createFrom().item(existing)
                : Panache.getSession().flatMap(session -> session
                                .createNativeQuery("insert into posts (site, uri, title) values (:site, :uri, :title) "
                                        + "on conflict (site, uri) do nothing")
                                .setParameter("site", site)
                                .setParameter("uri", uri)
                                .setParameter("title", title)
                                .executeUpdate())
                        .flatMap(inserted -> lockShared(site, uri))
                        .flatMap(created -> {
                            if (created != null) {
                                return Uni.createFrom().item(created);
                            }
                            if (attempts <= 1) {
                                return Uni.createFrom().failure(new IllegalStateException(
                                        "post keeps disappearing while being created"));
                            }
                            // Deleted again between our insert and our lock: go round.
                            return findOrCreate(site, uri, title, attempts - 1);
                        }));
    }

    private Uni<PostEntity> lockShared(String site, String uri) {
        return find("site = ?1 and uri = ?2", site, uri).withLock(LockModeType.PESSIMISTIC_READ).firstResult();
    }

    /**
     * The post of comment {@code commentId}, locked for update until the transaction ends, or null when there is
     * no such comment. Whoever may delete a post takes this lock before counting what is left in it, and before
     * locking any comment of it (one lock order: post, then comment).
     */
    public Uni<PostEntity> lockPostOfComment(long commentId) {
        return find("id = (select c.postId from CommentEntity c where c.id = ?1)", commentId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
