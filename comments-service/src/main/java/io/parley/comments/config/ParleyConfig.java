package io.parley.comments.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Typed settings of comments-service, all under {@code parley.*}. */
@ConfigMapping(prefix = "parley")
public interface ParleyConfig {

    /** Site of requests that name none (every Isso request for now). */
    @WithDefault("remark")
    String defaultSite();

    Isso isso();

    Hash hash();

    Outbox outbox();

    interface Isso {
        /** Secret for signed tokens; when absent one is generated once and kept in the {@code preferences} table. */
        Optional<String> sessionKey();

        /** Lifetime of the per-comment edit cookie (Isso {@code [general] max-age}). */
        @WithDefault("900s")
        Duration cookieMaxAge();

        /** Public base URL; decides Secure/SameSite of cookies. Empty: the request's own scheme. */
        Optional<String> publicEndpoint();

        /** SameSite attribute of cookies; default None over https, Lax otherwise. */
        Optional<String> samesite();

        Moderation moderation();

        Guard guard();

        /** Commenters may ask to be told about replies (Isso {@code [general] reply-notifications}). */
        @WithDefault("false")
        boolean replyNotifications();

        /** Comments carry {@code gravatar_image} and the client shows Gravatars (Isso {@code [general] gravatar}). */
        @WithDefault("false")
        boolean gravatar();

        /** Gravatar URL; {@code {}} becomes the MD5 of the email (or author). */
        @WithDefault("https://www.gravatar.com/avatar/{}?d=identicon&s=55")
        String gravatarUrl();

        /** Site origins (Isso {@code [general] host}); /info reports the one matching the request's Origin. */
        Optional<List<String>> hosts();

        /** Base URL of per-thread Atom feeds (Isso {@code [rss] base}); empty: feeds are off. */
        Optional<String> rssBase();

        /**
         * Spam guard of {@code POST /new} (Isso {@code [guard]}); {@code /config} announces the form rules to the
         * client, the server enforces them.
         */
        interface Guard {
            /** Off: no check at all (Isso's importer mode). */
            @WithDefault("true")
            boolean enabled();

            /** Comments one client network may post within a minute. */
            @WithDefault("2")
            int ratelimit();

            /** Top-level comments one client network may post to one thread. */
            @WithDefault("3")
            int directReply();

            /** False: no reply to your own comment while its edit window (cookie max-age) is open. */
            @WithDefault("false")
            boolean replyToSelf();

            @WithDefault("false")
            boolean requireAuthor();

            @WithDefault("false")
            boolean requireEmail();

            @WithDefault("true")
            boolean websiteField();
        }

        interface Moderation {
            /** New comments wait for approval (mode 2, HTTP 202). */
            @WithDefault("false")
            boolean enabled();

            /** A new comment is published at once if its email has a published comment of the last 6 months. */
            @WithDefault("false")
            boolean approveIfEmailPreviouslyApproved();

            /** Lifetime of a signed moderation link (Isso's never expire). */
            @WithDefault("7d")
            Duration linkMaxAge();

            /** Pending comments older than this are deleted. */
            @WithDefault("30d")
            Duration purgeAfter();

            /** How often the purge runs. */
            @WithDefault("1h")
            Duration purgeInterval();
        }
    }

    interface Hash {
        /** Isso {@code [hash] salt}. */
        @WithDefault("Eech7co8Ohloopo9Ol6baimi")
        String salt();

        /** Isso {@code [hash] algorithm}: {@code pbkdf2[:iterations[:dklen[:digest]]]}, {@code none} or a digest name. */
        @WithDefault("pbkdf2")
        String algorithm();
    }

    interface Outbox {
        /** Rows published per relay transaction. */
        @WithDefault("100")
        int batchSize();

        /** How often the relay looks for rows left unsent (crash, broker outage); also read by its @Scheduled. */
        @WithDefault("1s")
        Duration sweepInterval();
    }
}
