package io.parley.notify.service;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentEvent;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.parley.notify.config.NotifyConfig;
import io.parley.notify.repository.CommentReplica;
import io.parley.notify.repository.CommentReplicaRepository;
import io.parley.notify.repository.Delivery;
import io.parley.notify.repository.SubscriptionRepository;
import io.parley.notify.repository.UnsubscribeRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Decides which mails one comment event causes, following Isso (comments of anonymous authors) and Remark42
 * (comments of signed-in users) rules, and renders them. Pure decision: storing and sending is elsewhere.
 */
@ApplicationScoped
public class NotificationPlanner {

    static final String ADMIN = "admin";
    static final String ISSO_REPLY = "isso-reply";
    static final String REMARK_REPLY = "remark42-reply";

    @Inject
    NotifyConfig config;

    @Inject
    CommentReplicaRepository replicas;

    @Inject
    UnsubscribeRepository unsubscribed;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    LinkTokens links;

    @Inject
    MailComposer composer;

    /**
     * The mails of {@code event}, admin mails first; at most one per recipient.
     *
     * @param previous the replica before this event, or null when the comment was unknown
     */
    public Uni<List<Delivery>> plan(String eventId, CommentEvent event, CommentReplica previous) {
        CommentData comment = event.comment();
        Instant now = Instant.now();
        Map<String, Delivery> mails = new LinkedHashMap<>();
        if (event instanceof CommentPosted posted && posted.imported()) {
            // An import replays history: mailing the admin or repliers about each old comment would be a flood.
            return Uni.createFrom().item(List.of());
        }
        if (event instanceof CommentPosted posted && config.settings().admin().enabled()) {
            ComposedMail mail = adminMail(event, posted.moderationKey());
            for (String address : adminAddresses()) {
                mails.putIfAbsent(normalise(address), pending(eventId, normalise(address), ADMIN, false, mail, now));
            }
        }
        if (!triggersReplyMails(event, previous)) {
            return Uni.createFrom().item(List.copyOf(mails.values()));
        }
        boolean remark = comment.author() != null && comment.author().userId() != null;
        Uni<List<Delivery>> replies = remark ? remarkReplies(eventId, event, now) : issoReplies(eventId, event, now);
        return replies.map(list -> {
            list.forEach(d -> mails.putIfAbsent(d.recipient(), d));
            return List.copyOf(mails.values());
        });
    }

    /** A published reply is new, or a pending reply was just activated (Isso §11). */
    private boolean triggersReplyMails(CommentEvent event, CommentReplica previous) {
        CommentData comment = event.comment();
        if (!config.settings().replyNotifications() || comment.parentId() == null
                || comment.state() != CommentState.PUBLISHED) {
            return false;
        }
        if (event instanceof CommentPosted) {
            return true;
        }
        if (event instanceof io.parley.events.comments.CommentModerated) {
            // Without a replica the comment was unknown; version 2 is the first change after a pending post.
            return previous == null ? comment.version() == 2 : previous.state() == CommentState.PENDING;
        }
        return false;
    }

    private ComposedMail adminMail(CommentEvent event, String moderationKey) {
        CommentData comment = event.comment();
        String deleteUrl = null;
        String activateUrl = null;
        if (moderationKey != null && !moderationKey.isBlank()) {
            deleteUrl = links.moderationUrl(comment.id(), "delete", moderationKey);
            if (comment.state() == CommentState.PENDING) {
                activateUrl = links.moderationUrl(comment.id(), "activate", moderationKey);
            }
        }
        boolean remark = comment.author() != null && comment.author().userId() != null;
        return composer.admin(comment, commentUrl(event.postUrl(), comment.id(), remark), deleteUrl, activateUrl);
    }

    /** Isso: the parent and its published replies that asked for mail, once per address, never the writer. */
    private Uni<List<Delivery>> issoReplies(String eventId, CommentEvent event, Instant now) {
        CommentData comment = event.comment();
        long conversation = comment.parentId();
        String ownEmail = comment.author() == null ? null : normalise(comment.author().email());
        return replicas.find(conversation).flatMap(parent -> replicas.replies(conversation)
                        .flatMap(siblings -> unsubscribed.addresses(conversation).map(left -> {
                            List<CommentReplica> candidates = new ArrayList<>();
                            if (parent != null) {
                                candidates.add(parent);
                            }
                            siblings.stream().filter(s -> s.state() == CommentState.PUBLISHED).forEach(candidates::add);
                            Set<String> recipients = new LinkedHashSet<>();
                            for (CommentReplica candidate : candidates) {
                                String email = normalise(candidate.email());
                                if (email != null && candidate.wantsReplies() && candidate.id() != comment.id()
                                        && !email.equals(ownEmail) && !left.contains(email)) {
                                    recipients.add(email);
                                }
                            }
                            return recipients;
                        })))
                .flatMap(recipients -> Multi.createFrom().iterable(recipients)
                        .onItem().transformToUniAndConcatenate(email -> links.issoUnsubscribeUrl(conversation, email)
                                .map(url -> pending(eventId, email, ISSO_REPLY, true,
                                        composer.reply(comment, false, commentUrl(event.postUrl(), comment.id(), false), url),
                                        now)))
                        .collect().asList());
    }

    /** Remark42: the authors of the parent and every further ancestor with a confirmed address, never the writer. */
    private Uni<List<Delivery>> remarkReplies(String eventId, CommentEvent event, Instant now) {
        CommentData comment = event.comment();
        return ancestorAuthors(comment.parentId(), new LinkedHashSet<>(), 0)
                .map(users -> {
                    users.remove(comment.author().userId());
                    return users;
                })
                .flatMap(users -> Multi.createFrom().iterable(users)
                        .onItem().transformToUniAndConcatenate(userId -> subscriptions.address(event.site(), userId)
                                .flatMap(email -> email == null ? Uni.createFrom().<Optional<Delivery>>item(Optional.empty())
                                        : links.remarkUnsubscribeUrl(event.site(), userId, email)
                                                .map(url -> Optional.of(pending(eventId, normalise(email), REMARK_REPLY, true,
                                                        composer.reply(comment, true,
                                                                commentUrl(event.postUrl(), comment.id(), true), url),
                                                        now)))))
                        .filter(Optional::isPresent).map(Optional::get)
                        .collect().asList());
    }

    /** User ids of the comment {@code id} and its ancestors, nearest first (bounded against cycles). */
    private Uni<Set<String>> ancestorAuthors(Long id, Set<String> users, int depth) {
        if (id == null || depth > 256) {
            return Uni.createFrom().item(users);
        }
        return replicas.find(id).flatMap(replica -> {
            if (replica == null) {
                return Uni.createFrom().item(users);
            }
            if (replica.userId() != null) {
                users.add(replica.userId());
            }
            return ancestorAuthors(replica.parentId(), users, depth + 1);
        });
    }

    private static Delivery pending(String eventId, String recipient, String kind, boolean rateLimited,
                                    ComposedMail mail, Instant now) {
        return Delivery.pending(eventId, recipient, kind, rateLimited, mail.subject(), mail.text(), mail.html(),
                mail.unsubscribeUrl(), now);
    }

    /** Isso anchors {@code #isso-<id>}, Remark42 {@code #remark42__comment-<id>}; Isso paths get the site origin. */
    String commentUrl(String postUrl, long id, boolean remark) {
        String page = postUrl;
        if (!postUrl.startsWith("http://") && !postUrl.startsWith("https://")) {
            String origin = LinkTokens.trimSlash(config.settings().siteUrl().filter(s -> !s.isBlank())
                    .orElse(config.settings().publicUrl()));
            page = origin + (postUrl.startsWith("/") ? "" : "/") + postUrl;
        }
        return page + (remark ? "#remark42__comment-" : "#isso-") + id;
    }

    /** Configured admin addresses, else {@code admin@<public host>} (Remark42's default). */
    List<String> adminAddresses() {
        List<String> configured = config.settings().admin().emails().orElse(List.of()).stream()
                .filter(s -> !s.isBlank()).map(String::strip).toList();
        if (!configured.isEmpty()) {
            return configured;
        }
        String host = URI.create(config.settings().publicUrl()).getHost();
        return List.of("admin@" + (host == null ? "localhost" : host));
    }

    static String normalise(String email) {
        return email == null || email.isBlank() ? null : Html.unescape(email.strip()).toLowerCase(Locale.ROOT);
    }
}
