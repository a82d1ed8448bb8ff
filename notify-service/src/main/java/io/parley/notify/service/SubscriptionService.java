package io.parley.notify.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.notify.config.NotifyConfig;
import io.parley.notify.repository.Delivery;
import io.parley.notify.repository.DeliveryRepository;
import io.parley.notify.repository.SubscriptionRepository;
import io.parley.session.SessionUser;
import io.smallrye.mutiny.Uni;

/**
 * Remark42 e-mail subscriptions: an address is stored for a (site, user) only after its owner proved it with the
 * token mailed to it, except for {@code email_} users whose id already proves it (Remark42 does the same).
 */
@ApplicationScoped
public class SubscriptionService {

    /** Loose on purpose (RFC 5322 is looser still); it keeps obvious garbage and header injection out. */
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s<>\",;:()\\[\\]\\\\]{1,64}@[^@\\s<>\",;:()\\[\\]\\\\]{1,253}\\.[^@\\s<>\",;:()\\[\\]\\\\.]{2,63}$");

    public enum Result {
        /** Stored at once (the user's id proves the address). */
        UPDATED,
        /** A confirmation token was mailed. */
        CONFIRMATION_SENT,
        ALREADY_SUBSCRIBED,
        INVALID_ADDRESS,
        BAD_TOKEN,
        OTHER_USER
    }

    public record Outcome(Result result, String address) {
    }

    @Inject
    NotifyConfig config;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    LinkTokens tokens;

    @Inject
    MailComposer composer;

    @Inject
    DeliveryEngine engine;

    /** The confirmed address of {@code user}, or "" (Remark42 answers an empty address). */
    public Uni<String> address(SessionUser user, String site) {
        return subscriptions.address(site, user.id()).map(a -> a == null ? "" : a);
    }

    public Uni<Outcome> subscribe(SessionUser user, String site, String rawAddress) {
        String address = rawAddress == null ? "" : rawAddress.strip();
        if (!ADDRESS.matcher(address).matches()) {
            return Uni.createFrom().item(new Outcome(Result.INVALID_ADDRESS, address));
        }
        return subscriptions.address(site, user.id()).flatMap(current -> {
            if (address.equalsIgnoreCase(current)) {
                return Uni.createFrom().item(new Outcome(Result.ALREADY_SUBSCRIBED, address));
            }
            if (user.id().equals("email_" + sha1(address))) {
                return subscriptions.save(site, user.id(), address, Instant.now())
                        .replaceWith(new Outcome(Result.UPDATED, address));
            }
            return tokens.sign(List.of(LinkTokens.REMARK_CONFIRM, site, user.id(), address)).flatMap(token -> {
                ComposedMail mail = composer.confirmation(site, token);
                // Each request is its own "event": a repeated request mails a fresh token.
                String requestId = "subscribe:" + sha1(token);
                Delivery delivery = Delivery.pending(requestId, address.toLowerCase(Locale.ROOT), "remark42-confirm",
                        true, mail.subject(), mail.text(), mail.html(), null, Instant.now());
                return deliveries.enqueue(delivery).invoke(engine::trigger)
                        .replaceWith(new Outcome(Result.CONFIRMATION_SENT, address));
            });
        });
    }

    public Uni<Outcome> confirm(SessionUser user, String site, String token) {
        return tokens.verify(token, config.settings().confirmation().maxAge()).flatMap(values -> {
            if (values.isEmpty() || values.get().size() != 4 || !values.get().get(0).equals(LinkTokens.REMARK_CONFIRM)
                    || !values.get().get(1).equals(site)) {
                return Uni.createFrom().item(new Outcome(Result.BAD_TOKEN, null));
            }
            String address = values.get().get(3);
            if (!values.get().get(2).equals(user.id())) {
                return Uni.createFrom().item(new Outcome(Result.OTHER_USER, null));
            }
            return subscriptions.save(site, user.id(), address, Instant.now())
                    .replaceWith(new Outcome(Result.UPDATED, address));
        });
    }

    public Uni<Boolean> unsubscribe(SessionUser user, String site) {
        return subscriptions.delete(site, user.id());
    }

    static String sha1(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing", e);
        }
    }
}
