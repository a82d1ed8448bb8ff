package io.parley.notify.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.notify.config.NotifyConfig;
import io.parley.notify.repository.CommentReplicaRepository;
import io.parley.notify.repository.SubscriptionRepository;
import io.parley.notify.repository.UnsubscribeRepository;
import io.smallrye.mutiny.Uni;

/** The targets of the unsubscribe links in mails (Isso conversation links and Remark42's page). */
@ApplicationScoped
public class UnsubscribeService {

    public enum Outcome {
        UNSUBSCRIBED, MISSING_TOKEN, BAD_TOKEN, UNKNOWN_COMMENT, NOT_SUBSCRIBED, ADDRESS_MISMATCH
    }

    @Inject
    NotifyConfig config;

    @Inject
    LinkTokens tokens;

    @Inject
    CommentReplicaRepository replicas;

    @Inject
    UnsubscribeRepository unsubscribed;

    @Inject
    SubscriptionRepository subscriptions;

    /**
     * Isso {@code /id/<id>/unsubscribe/<email>/<key>}: the key must be ours, unexpired and sign exactly
     * {@code ["unsubscribe", email]}; then {@code email} gets no more reply mails in the comment's conversation.
     */
    public Uni<Outcome> isso(long id, String email, String key) {
        return tokens.verify(key, config.settings().unsubscribe().maxAge()).flatMap(values -> {
            if (values.isEmpty() || !values.get().equals(List.of(LinkTokens.ISSO_UNSUBSCRIBE, email))) {
                return Uni.createFrom().item(Outcome.BAD_TOKEN);
            }
            return replicas.find(id).flatMap(comment -> {
                if (comment == null) {
                    return Uni.createFrom().item(Outcome.UNKNOWN_COMMENT);
                }
                long conversation = comment.parentId() == null ? comment.id() : comment.parentId();
                return unsubscribed.add(conversation, NotificationPlanner.normalise(email), Instant.now())
                        .replaceWith(Outcome.UNSUBSCRIBED);
            });
        });
    }

    /** Remark42 {@code /email/unsubscribe.html?site=&tkn=}: removes the subscription the token names. */
    public Uni<Outcome> remark(String site, String token) {
        if (token == null || token.isBlank()) {
            return Uni.createFrom().item(Outcome.MISSING_TOKEN);
        }
        return tokens.verify(token, config.settings().unsubscribe().maxAge()).flatMap(values -> {
            if (values.isEmpty() || values.get().size() != 4
                    || !values.get().get(0).equals(LinkTokens.REMARK_UNSUBSCRIBE)
                    || (site != null && !site.isBlank() && !site.equals(values.get().get(1)))) {
                return Uni.createFrom().item(Outcome.BAD_TOKEN);
            }
            String tokenSite = values.get().get(1);
            String userId = values.get().get(2);
            String email = values.get().get(3);
            return subscriptions.address(tokenSite, userId).flatMap(current -> {
                if (current == null) {
                    return Uni.createFrom().item(Outcome.NOT_SUBSCRIBED);
                }
                if (!current.equalsIgnoreCase(email)) {
                    return Uni.createFrom().item(Outcome.ADDRESS_MISMATCH);
                }
                return subscriptions.deleteIfAddress(tokenSite, userId, current)
                        .map(deleted -> deleted ? Outcome.UNSUBSCRIBED : Outcome.NOT_SUBSCRIBED);
            });
        });
    }
}
