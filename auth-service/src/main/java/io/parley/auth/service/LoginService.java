package io.parley.auth.service;

import io.parley.auth.config.AuthConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** What every login has in common: enabled providers, the site, recording the user and issuing the session. */
@ApplicationScoped
public class LoginService {

    public static final String ANONYMOUS = "anonymous";
    public static final String EMAIL = "email";
    public static final String KEYCLOAK = "keycloak";

    @Inject
    AuthConfig config;

    @Inject
    UserService users;

    @Inject
    SessionService sessions;

    /** Enabled login providers, as {@code GET /auth/list} names them. */
    public List<String> providers() {
        List<String> providers = new ArrayList<>();
        if (config.auth().oidc().url().isPresent()) {
            providers.add(KEYCLOAK);
            providers.addAll(config.auth().oidc().brokers().orElse(List.of()));
        }
        if (config.auth().email().enabled()) {
            providers.add(EMAIL);
        }
        if (config.auth().anonymous().enabled()) {
            providers.add(ANONYMOUS);
        }
        return providers;
    }

    /** Whether {@code provider} signs in through Keycloak (itself, or one of its identity brokers). */
    public boolean viaKeycloak(String provider) {
        return config.auth().oidc().url().isPresent() && (KEYCLOAK.equals(provider)
                || config.auth().oidc().brokers().orElse(List.of()).contains(provider));
    }

    /** The site a login is for: the requested one (default site when none), which must be a valid, served site. */
    public String site(String requested) {
        String site = requested == null || requested.isBlank() ? config.defaultSite() : requested;
        if (!LoginRules.validSite(site)) {
            throw new LoginRejectedException(403, "bad site");
        }
        if (config.auth().sites().isPresent() && !config.auth().sites().get().contains(site)) {
            throw new LoginRejectedException(403, "unknown site");
        }
        return site;
    }

    /** Remark42's anonymous login: a name that passes the rules, an id from the name and the client address. */
    public Uni<IssuedSession> anonymous(String name, String requestedSite, String clientIp, boolean sessionOnly) {
        if (!config.auth().anonymous().enabled()) {
            return Uni.createFrom().failure(new LoginRejectedException(404, "provider is not enabled"));
        }
        String site;
        try {
            site = site(requestedSite);
        } catch (LoginRejectedException e) {
            return Uni.createFrom().failure(e);
        }
        if (!LoginRules.validAnonymousName(name)) {
            return Uni.createFrom().failure(new LoginRejectedException(403, "incorrect user or password"));
        }
        return signIn(site, LoginRules.anonymousId(name, clientIp), name, "", ANONYMOUS, false, sessionOnly);
    }

    /** Records the login and issues the session with the user's current state. */
    public Uni<IssuedSession> signIn(String site, String id, String name, String picture, String provider,
            boolean idpAdmin, boolean sessionOnly) {
        return users.login(site, id, name, picture, provider, idpAdmin)
                .map(user -> sessions.issue(user, sessionOnly));
    }
}
