package io.parley.comments.rest;

import io.parley.comments.config.ParleyConfig;
import io.parley.comments.config.RemarkConfig;
import io.parley.comments.service.RemarkRejection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/** Request details every Remark42 endpoint reads the same way (Go's {@code strconv} rules). */
final class RemarkRequests {

    /** Set by the gateway from the resolved client address; services are only reachable through it. */
    static final String CLIENT_IP = "X-Client-IP";

    private static final int DEFAULT_MAX_COMMENT_SIZE = 2048;

    private RemarkRequests() {
    }

    /** The named site, or the default site when the request names none. */
    static String site(String site, ParleyConfig config) {
        return site == null || site.isBlank() ? config.defaultSite() : site;
    }

    /** Remark42's {@code MAX_COMMENT_SIZE}: 0 or less means the default. */
    static int maxCommentSize(RemarkConfig config) {
        return config.maxCommentSize() > 0 ? config.maxCommentSize() : DEFAULT_MAX_COMMENT_SIZE;
    }

    /** {@code limit} of {@code /find}: absent is 0 (everything); not a number → 400 code 1. */
    static int findLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw RemarkRejection.badRequest(RemarkRejection.COMMENT_NOT_FOUND,
                    "strconv.Atoi: parsing \"" + limit + "\": invalid syntax", "bad limit value");
        }
    }

    /** {@code offset_id}: must name a comment id (Remark42 requires a UUID) → else 400 code 1. */
    static Long offsetId(String offsetId) {
        if (offsetId == null || offsetId.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(offsetId);
        } catch (NumberFormatException e) {
            throw RemarkRejection.badRequest(RemarkRejection.COMMENT_NOT_FOUND, "invalid offset_id",
                    "bad offset_id value");
        }
    }

    /** {@code since} in epoch milliseconds, or null; not a number → 400 code 2. */
    static Long since(String since) {
        if (since == null || since.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(since);
        } catch (NumberFormatException e) {
            throw RemarkRejection.badRequest(RemarkRejection.DECODE,
                    "strconv.ParseInt: parsing \"" + since + "\": invalid syntax", "can't translate since parameter");
        }
    }

    /** A comment id from the path; anything else cannot name a comment → 400 code 1. */
    static long commentId(String id, String details) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw RemarkRejection.badRequest(RemarkRejection.COMMENT_NOT_FOUND, "comment not found", details);
        }
    }

    /** Go's Atoi with Remark42's fallback: unparsable, 0 or negative, or above {@code cap} → {@code cap}. */
    static int cappedInt(String value, int cap) {
        int parsed = parseOrZero(value);
        return parsed <= 0 || parsed > cap ? cap : parsed;
    }

    /** Go's Atoi, 0 when it fails; negative values count as 0. */
    static int parseOrZero(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String clientAddress(String clientIp, HttpServerRequest http) {
        if (clientIp != null && !clientIp.isBlank()) {
            return clientIp.trim();
        }
        SocketAddress peer = http.remoteAddress();
        return peer == null ? null : peer.hostAddress();
    }
}
