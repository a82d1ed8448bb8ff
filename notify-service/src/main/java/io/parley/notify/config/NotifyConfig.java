package io.parley.notify.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Typed settings of notify-service (prefix {@code parley}). */
@ConfigMapping(prefix = "parley")
public interface NotifyConfig {

    /** Site of Isso requests (Isso names no site). */
    @WithDefault("remark")
    String defaultSite();

    /** Settings under {@code parley.notify} ({@code notify()} itself is taken by {@link Object}). */
    @WithName("notify")
    Notify settings();

    Store store();

    interface Notify {
        /** Public base URL (the gateway): unsubscribe, confirmation and moderation links start with it. */
        @WithDefault("http://localhost:8080")
        String publicUrl();

        /** Origin of the commented site, prefixed to Isso thread paths in "link to comment"; public URL when empty. */
        Optional<String> siteUrl();

        /** Language of the mails: {@code en} or {@code de}. */
        @WithDefault("en")
        String language();

        /** Send reply notifications at all (commenters still have to ask for them). */
        @WithDefault("true")
        boolean replyNotifications();

        /** Characters of the comment text quoted in a mail. */
        @WithDefault("600")
        int excerptLength();

        Admin admin();

        Unsubscribe unsubscribe();

        Confirmation confirmation();

        Delivery delivery();
    }

    interface Admin {
        /** Mail the admin addresses about every new comment (Isso {@code notify = smtp}). */
        @WithDefault("true")
        boolean enabled();

        /** Admin addresses (Isso {@code [smtp] to}); {@code admin@<public host>} when empty, as Remark42 does. */
        Optional<List<String>> emails();
    }

    interface Unsubscribe {
        /** HMAC key of unsubscribe links; generated once and kept in MongoDB when unset. */
        Optional<String> secret();

        /** How long an unsubscribe link works. */
        @WithDefault("90d")
        Duration maxAge();
    }

    interface Confirmation {
        /** How long a Remark42 subscription confirmation token works (Remark42: 30 minutes). */
        @WithDefault("30m")
        Duration maxAge();
    }

    interface Delivery {
        /** Tries per mail before it becomes a dead letter. */
        @WithDefault("10")
        int maxAttempts();

        /** Wait after the first failed try; doubled after each further one. */
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();

        /** Mails sent at the same time. */
        @WithDefault("8")
        int concurrency();

        /** How often due mails are looked for (new events trigger a run at once). */
        @WithDefault("500ms")
        Duration pollInterval();

        /** A claimed mail not marked after this long was interrupted by a crash (see docs/notifications.md). */
        @WithDefault("2m")
        Duration lease();

        /** Mails per recipient and window (admin addresses are exempt). */
        @WithDefault("30")
        int perRecipientLimit();

        @WithDefault("1m")
        Duration rateWindow();
    }

    interface Store {
        @WithDefault("notify")
        String database();
    }
}
