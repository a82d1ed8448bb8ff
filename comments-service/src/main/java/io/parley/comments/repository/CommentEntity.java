package io.parley.comments.repository;

import io.parley.events.comments.CommentState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "comments")
public class CommentEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "post_id", nullable = false)
    public Long postId;

    @Column(name = "parent_id")
    public Long parentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CommentState state;

    @Column(nullable = false)
    public String text;

    @Column(nullable = false)
    public String html;

    public String author;
    public String email;
    public String website;

    @Column(name = "client_network")
    public String clientNetwork;

    @Column(name = "author_hash", nullable = false)
    public String authorHash;

    public Integer notification;

    @Column(nullable = false)
    public Instant created;

    public Instant modified;

    @Column(nullable = false)
    public long version;

    // Owned by votes-service (applied from vote.cast by VoteTotalsRepository): an entity flush must not overwrite them.
    @Column(updatable = false)
    public int likes;
    @Column(updatable = false)
    public int dislikes;

    // Remark42 dialect (V4): the signed-in author, the exact comment replied to, pin and edit summary.
    @Column(name = "user_id")
    public String userId;

    @Column(name = "user_picture")
    public String userPicture;

    @Column(name = "user_admin")
    public boolean userAdmin;

    @Column(name = "reply_to")
    public Long replyTo;

    public boolean pinned;

    @Column(name = "edit_summary")
    public String editSummary;
}
