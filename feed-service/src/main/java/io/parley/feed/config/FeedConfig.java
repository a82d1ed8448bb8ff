package io.parley.feed.config;

import java.time.Duration;
import java.util.Optional;

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

    Isso isso();

    PostInfo postInfo();

    Stream stream();

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

        /** Collection holding one document per comment (the public part of it), for latest and feeds. */
        @WithDefault("comments")
        String commentCollection();

        /** Collection holding the vote totals of each voted comment (from {@code vote-events}). */
        @WithDefault("votes")
        String voteCollection();
    }

    interface PostInfo {
        /** Posts published per pass of the {@code post-info} relay. */
        @WithDefault("200")
        int publishBatch();

        /** How often the relay looks for unpublished post info besides being woken by each change. */
        @WithDefault("PT2S")
        Duration sweepInterval();
    }

    interface Stream {
        /** Interval of SSE heartbeat comments, well below the gateway's and proxies' idle timeouts. */
        @WithDefault("PT15S")
        Duration heartbeat();

        /** Open streams per replica; beyond it a new stream is answered 503 (Remark42's STREAM_MAX was 500). */
        @WithDefault("30000")
        int maxSubscribers();

        /** Events queued for one subscriber that does not read; one more and it is dropped (it reconnects). */
        @WithDefault("256")
        int subscriberBuffer();

        /** Newest comments per site kept in memory for {@code /stream/last} catch-up ({@code since}, Last-Event-ID). */
        @WithDefault("1000")
        int recentComments();
    }

    interface Isso {
        /** Isso {@code [general] latest-enabled}: serve {@code GET /latest} (404 when off). */
        @WithDefault("false")
        boolean latestEnabled();

        /** Isso {@code [rss] base}: public base URL of the commented site; {@code GET /feed} is 404 without it. */
        Optional<String> rssBase();

        /** Isso {@code [rss] limit}: entries per feed; a request's {@code limit} can only raise it. */
        @WithDefault("100")
        int rssLimit();

        /** Upper bound of any {@code limit} of {@code /latest} and {@code /feed}, so no request reads a whole site. */
        @WithDefault("1000")
        int maxLimit();
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
