package io.parley.notify.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.notify.config.NotifyConfig;
import io.parley.notify.repository.SecretRepository;
import io.smallrye.mutiny.Uni;

/**
 * The signed links notify-service puts in mails and checks when they come back: Isso unsubscribe keys
 * ({@code ["unsubscribe", email]}, as Isso signs them), Remark42 unsubscribe and confirmation tokens. One secret
 * (configured, or generated once and kept in MongoDB); every token expires.
 */
@ApplicationScoped
public class LinkTokens {

    static final String ISSO_UNSUBSCRIBE = "unsubscribe";
    static final String REMARK_UNSUBSCRIBE = "remark42-unsubscribe";
    static final String REMARK_CONFIRM = "remark42-confirm";

    @Inject
    NotifyConfig config;

    @Inject
    SecretRepository secrets;

    private volatile LinkSigner signer;

    private Uni<LinkSigner> signer() {
        LinkSigner known = signer;
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        Optional<String> configured = config.settings().unsubscribe().secret().filter(s -> !s.isBlank());
        Uni<String> secret = configured.isPresent() ? Uni.createFrom().item(configured.get())
                : secrets.getOrCreate("link-signing-key");
        return secret.map(LinkSigner::new).invoke(loaded -> signer = loaded);
    }

    public Uni<String> sign(List<String> values) {
        return signer().map(s -> s.sign(values, Instant.now()));
    }

    public Uni<Optional<List<String>>> verify(String token, Duration maxAge) {
        return signer().map(s -> s.verify(token, maxAge, Instant.now()));
    }

    /** {@code <public>/id/<conversation>/unsubscribe/<quoted email>/<key>}, Isso's reply-mail link. */
    public Uni<String> issoUnsubscribeUrl(long conversation, String email) {
        return sign(List.of(ISSO_UNSUBSCRIBE, email)).map(key -> publicUrl() + "/id/" + conversation
                + "/unsubscribe/" + quote(email) + "/" + key);
    }

    /** {@code <public>/email/unsubscribe.html?site=..&tkn=..}, Remark42's link. */
    public Uni<String> remarkUnsubscribeUrl(String site, String userId, String email) {
        return sign(List.of(REMARK_UNSUBSCRIBE, site, userId, email)).map(token -> publicUrl()
                + "/email/unsubscribe.html?site=" + quote(site) + "&tkn=" + quote(token));
    }

    public String moderationUrl(long id, String action, String key) {
        return publicUrl() + "/id/" + id + "/" + action + "/" + key;
    }

    public String publicUrl() {
        return trimSlash(config.settings().publicUrl());
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Percent-encoding as Python's {@code quote(s, safe="")}: spaces as %20, not '+'. */
    static String quote(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
