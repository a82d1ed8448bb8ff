package io.parley.comments.rest;

import io.parley.comments.config.ParleyConfig;
import io.parley.comments.service.SignedTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Isso's per-comment edit cookie: {@code [id, sha1(text)]} signed, sent as Set-Cookie and X-Set-Cookie. */
@ApplicationScoped
public class IssoCookies {

    private static final DateTimeFormatter EXPIRES =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    @Inject
    ParleyConfig config;

    /** Values of the {@code Set-Cookie} and {@code X-Set-Cookie} headers, in that order. */
    public List<String> editCookies(SignedTokens tokens, long commentId, String rawText, boolean requestIsHttps) {
        Instant now = Instant.now();
        String token = tokens.sign(List.of(commentId, sha1Hex(rawText)), now.getEpochSecond());
        long maxAge = config.isso().cookieMaxAge().toSeconds();
        String attributes = "; Expires=" + EXPIRES.format(now.plusSeconds(maxAge)) + "; Max-Age=" + maxAge
                + attributesAfterMaxAge(requestIsHttps);
        return List.of(commentId + "=" + token + attributes, "isso-" + commentId + "=" + token + attributes);
    }

    /** Values of the {@code Set-Cookie} and {@code X-Set-Cookie} headers that remove both edit cookies. */
    public List<String> clearedEditCookies(long commentId, boolean requestIsHttps) {
        String attributes = "=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0" + attributesAfterMaxAge(requestIsHttps);
        return List.of(commentId + attributes, "isso-" + commentId + attributes);
    }

    private String attributesAfterMaxAge(boolean requestIsHttps) {
        boolean https = config.isso().publicEndpoint()
                .filter(endpoint -> !endpoint.isBlank())
                .map(endpoint -> endpoint.startsWith("https://"))
                .orElse(requestIsHttps);
        String sameSite = config.isso().samesite().filter(v -> !v.isBlank()).orElse(https ? "None" : "Lax");
        return (https ? "; Secure" : "") + "; Path=/; SameSite=" + sameSite;
    }

    static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
