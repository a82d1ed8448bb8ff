package io.parley.comments.service;

import io.parley.comments.config.ParleyConfig;
import io.parley.comments.repository.PreferenceRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.util.HexFormat;

/** The secret behind signed tokens: configured, or generated once and shared by all replicas via the database. */
@ApplicationScoped
public class SessionKeyService {

    static final String PREFERENCE = "session-key";

    @Inject
    ParleyConfig config;

    @Inject
    PreferenceRepository preferences;

    private volatile SignedTokens tokens;

    public Uni<SignedTokens> tokens() {
        SignedTokens known = tokens;
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        Uni<String> secret = config.isso().sessionKey()
                .filter(key -> !key.isBlank())
                .map(key -> Uni.createFrom().item(key))
                .orElseGet(() -> preferences.getOrInsert(PREFERENCE, randomKey()));
        return secret.map(key -> {
            SignedTokens created = new SignedTokens(key);
            tokens = created;
            return created;
        });
    }

    private static String randomKey() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
