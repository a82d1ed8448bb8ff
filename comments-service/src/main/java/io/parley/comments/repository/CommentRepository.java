package io.parley.comments.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CommentRepository implements PanacheRepository<CommentEntity> {

    /** The comment with {@code id} in post {@code postId}, or null. */
    public Uni<CommentEntity> findInPost(long id, long postId) {
        return find("id = ?1 and postId = ?2", id, postId).firstResult();
    }
}
