package io.parley.feed.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed settings of feed-service (prefix {@code parley}). */
@ConfigMapping(prefix = "parley")
public interface FeedConfig {

    /** Site used by the Isso dialect (it names no site) and by Remark42 requests without {@code site}. */
    @WithDefault("remark")
    String defaultSite();

    Store store();

    Http http();

    interface Store {
        /** MongoDB database of the read models. */
        @WithDefault("feed")
        String database();

        /** Collection holding one document per post. */
        @WithDefault("posts")
        String postCollection();

        /** How often a post update is retried when another writer changed the document meanwhile. */
        @WithDefault("32")
        int maxUpdateAttempts();
    }

    interface Http {
        /** Largest body of Isso {@code POST /count} (Isso's own limit is 256 KiB; it answers 413 above). */
        @WithDefault("262144")
        int issoMaxBody();

        /** Largest body of Remark42 {@code POST /api/v1/counts} (Remark42 answers 400 code 6 above). */
        @WithDefault("131072")
        int remarkMaxBody();
    }
}
