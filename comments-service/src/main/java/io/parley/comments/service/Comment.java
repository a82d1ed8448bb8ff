package io.parley.comments.service;

import io.parley.events.comments.CommentState;

import java.time.Instant;

/** A stored comment as the service hands it to the dialects (never the entity, never email or network). */
public record Comment(long id, Long parentId, CommentState state, String text, String html, String author,
                      String website, String hash, Integer notification, Instant created, Instant modified,
                      int likes, int dislikes) {
}
