package io.parley.comments.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reading a page's title from the site itself (Isso's page fetch for a new thread without {@code title}; the
 * Remark42 admin title refresh). Never an open fetcher: only pages of the listed origins are read.
 */
@ConfigMapping(prefix = "parley.title-discovery")
public interface TitleDiscoveryConfig {

    /** Origins ({@code scheme://host[:port]}) whose pages may be fetched; none: discovery is off. */
    Optional<List<String>> hosts();

    /** Whole fetch (connect, redirects, body). Isso uses 3 s. */
    @WithDefault("3s")
    Duration timeout();

    /** Pages larger than this are not read (the fetch fails). */
    @WithDefault("1048576")
    int maxBytes();

    /** Redirects followed, only within the same origin. */
    @WithDefault("3")
    int maxRedirects();

    /**
     * Loopback, private, link-local and similar addresses may be fetched. Off by default so a host name that
     * resolves inwards cannot reach internal services; tests and single-machine setups switch it on.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();
}
