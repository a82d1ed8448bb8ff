package io.parley.feed.rest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.parley.feed.service.PostSummary;

/** Response records of the Remark42 dialect. */
public final class RemarkViews {

    /** Go's zero {@code time.Time}, which Remark42 writes for posts without comments. */
    static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private RemarkViews() {
    }

    public record Locator(String site, String url) {
    }

    /** {@code GET /api/v1/count}: Remark42 answers {count, locator}; {@code url} is added for convenience. */
    public record Count(String url, int count, Locator locator) {
        static Count of(PostSummary summary) {
            return new Count(summary.url(), summary.count(), new Locator(summary.site(), summary.url()));
        }
    }

    /**
     * Remark42's PostInfo ({@code POST /api/v1/counts} per URL, {@code GET /api/v1/info}). {@code url} and
     * {@code read_only} are left out when empty, as Remark42's {@code omitempty} does.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PostInfo(String url, int count, @JsonProperty("count_left") int countLeft,
                           @JsonProperty("read_only") Boolean readOnly,
                           @JsonProperty("first_time") Instant firstTime, @JsonProperty("last_time") Instant lastTime) {
        static PostInfo of(PostSummary summary) {
            return new PostInfo(summary.url(), summary.count(), 0, summary.readOnly() ? Boolean.TRUE : null,
                    orZero(summary.firstTime()), orZero(summary.lastTime()));
        }
    }

    /** Remark42's error body ({@code rest.SendErrorJSON}). */
    public record Error(String error, String details, int code) {
    }

    private static Instant orZero(Instant time) {
        return time == null ? ZERO_TIME : time;
    }
}
