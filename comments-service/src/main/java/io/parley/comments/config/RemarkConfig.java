package io.parley.comments.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the Remark42 dialect ({@code parley.remark42.*}); names follow Remark42's flags where they exist. */
@ConfigMapping(prefix = "parley.remark42")
public interface RemarkConfig {

    /** Shown as {@code version} by {@code GET /api/v1/config}. */
    @WithDefault("parley-0.1.0")
    String version();

    /** Authors may edit or delete their comment this long after posting (Remark42 {@code EDIT_TIME}); 0 = no limit. */
    @WithDefault("5m")
    Duration editDuration();

    /** Admins may edit any comment at any time (Remark42 {@code ADMIN_EDIT}). */
    @WithDefault("false")
    boolean adminEdit();

    /** Longest comment in Unicode code points (Remark42 {@code MAX_COMMENT_SIZE}). */
    @WithDefault("2048")
    int maxCommentSize();

    /** Shortest comment in code points; 0 = no minimum (Remark42 {@code MIN_COMMENT_SIZE}). */
    @WithDefault("0")
    int minCommentSize();

    /** Admin user ids announced by {@code /config} (admin rights themselves come from the session token). */
    Optional<List<String>> admins();

    /** Announced by {@code /config} as {@code admin_email}. */
    Optional<String> adminEmail();

    /** Login providers the widget offers ({@code /config auth_providers}); auth-service serves them. */
    @WithDefault("keycloak,email,anonymous")
    List<String> authProviders();

    @WithDefault("false")
    boolean anonVote();

    @WithDefault("-5")
    int lowScore();

    @WithDefault("-10")
    int criticalScore();

    @WithDefault("false")
    boolean positiveScore();

    /** Posts whose first comment is older than this many days take no new comments; 0 = off. */
    @WithDefault("0")
    int readonlyAge();

    /** Reply notifications by email (notify-service) are offered. */
    @WithDefault("true")
    boolean emailNotifications();

    @WithDefault("false")
    boolean emojiEnabled();

    @WithDefault("false")
    boolean simpleView();

    /** How long a {@code /find} answer may be reused (changes through this replica drop it at once); 0 = off. */
    @WithDefault("1s")
    Duration findCacheTtl();

    /** Cached {@code /find} answers kept at most. */
    @WithDefault("1000")
    int findCacheSize();
}
