package io.parley.comments.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.comments.config.ParleyConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/**
 * Signed moderation keys: Isso's format (itsdangerous token of the bare comment id, signed with the session
 * key), but verified with {@code parley.isso.moderation.link-max-age} and only for the id they were made for.
 */
@ApplicationScoped
public class ModerationLinks {

    public enum Action { ACTIVATE, EDIT, DELETE }

    @Inject
    ParleyConfig config;

    @Inject
    SessionKeyService sessionKeys;

    /** A key for comment {@code id}, valid from now. */
    public Uni<String> key(long id) {
        return sessionKeys.tokens().map(tokens -> tokens.sign(id, Instant.now().getEpochSecond()));
    }

    /** The path of the moderation link for {@code action} on comment {@code id}, e.g. {@code /id/7/activate/<key>}. */
    public Uni<String> path(long id, Action action) {
        return key(id).map(key -> "/id/" + id + "/" + action.name().toLowerCase(java.util.Locale.ROOT) + "/" + key);
    }

    /** Whether {@code key} is a valid, unexpired key for exactly comment {@code id}. */
    public Uni<Boolean> verify(String key, long id) {
        long maxAge = config.isso().moderation().linkMaxAge().toSeconds();
        return sessionKeys.tokens().map(tokens -> tokens.verify(key, maxAge, Instant.now().getEpochSecond())
                .filter(JsonNode::isIntegralNumber)
                .filter(JsonNode::canConvertToLong)
                .map(signed -> signed.longValue() == id)
                .orElse(false));
    }
}
