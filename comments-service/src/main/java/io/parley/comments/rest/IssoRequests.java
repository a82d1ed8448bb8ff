package io.parley.comments.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/** Request details every Isso endpoint reads the same way. */
final class IssoRequests {

    /** Set by the gateway from the resolved client address; services are only reachable through it. */
    static final String CLIENT_IP = "X-Client-IP";

    /** Python's int(): optional sign, digits (any script), single underscores between digits, outer spaces. */
    private static final Pattern PYTHON_INT = Pattern.compile("[+-]?\\d+(?:_\\d+)*", Pattern.UNICODE_CHARACTER_CLASS);

    private IssoRequests() {
    }

    /** Isso's "xhr" CSRF guard: a form post from another site cannot set a JSON content type. */
    static void requireJsonOrNoContentType(String contentType) {
        if (contentType != null && !contentType.trim().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new IssoException(403, "CSRF", false);
        }
    }

    static JsonNode readJson(ObjectMapper json, byte[] body) {
        if (body == null || body.length == 0) {
            throw IssoException.badRequest("Unable to read JSON request");
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw IssoException.badRequest("Unable to read JSON request");
        }
    }

    static String clientAddress(String clientIp, HttpServerRequest http) {
        if (clientIp != null && !clientIp.isBlank()) {
            return clientIp.trim();
        }
        SocketAddress peer = http.remoteAddress();
        return peer == null ? null : peer.hostAddress();
    }

    static boolean isHttps(String forwardedProto, HttpServerRequest http) {
        if (forwardedProto != null && !forwardedProto.isBlank()) {
            return forwardedProto.trim().toLowerCase(Locale.ROOT).startsWith("https");
        }
        return "https".equals(http.scheme());
    }

    /** The value of Python's {@code int(value)}, or null when Python would raise ValueError. */
    static BigInteger pythonInt(String value) {
        String trimmed = value.strip();
        if (!PYTHON_INT.matcher(trimmed).matches()) {
            return null;
        }
        return new BigInteger(trimmed.replace("_", ""));
    }

    /** {@code value} clamped into the int range. */
    static int clampToInt(BigInteger value) {
        return value.max(BigInteger.valueOf(Integer.MIN_VALUE)).min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
    }

    /** {@code value} clamped into the long range. */
    static long clampToLong(BigInteger value) {
        return value.max(BigInteger.valueOf(Long.MIN_VALUE)).min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }
}
