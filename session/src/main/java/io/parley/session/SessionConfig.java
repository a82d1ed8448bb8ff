package io.parley.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where the session keys come from and what a session token must say. */
@ConfigMapping(prefix = "parley.session")
public interface SessionConfig {

    /**
     * auth-service's JWKS: {@code http(s)://host/auth/jwks}, or {@code file:} / {@code classpath:} for a fixed
     * key set (tests). Without it every token is refused.
     */
    Optional<String> jwksUrl();

    /** The {@code iss} every session token must carry. */
    @WithDefault("parley")
    String issuer();

    /** How long fetched keys are used before they are fetched again (rotation picks up within this time). */
    @WithDefault("5m")
    Duration jwksRefresh();

    /** Tolerated clock difference between auth-service and this service. */
    @WithDefault("30s")
    Duration clockSkew();
}
