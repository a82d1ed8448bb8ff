package io.parley.comments.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A commented page of a site (Isso: thread). */
@Entity
@Table(name = "posts")
public class PostEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String site;

    @Column(nullable = false)
    public String uri;

    public String title;

    // Remark42 dialect (V4): admin read-only flag and the version of the post's post.updated events.
    @Column(name = "read_only")
    public boolean readOnly;

    public long version;
}
