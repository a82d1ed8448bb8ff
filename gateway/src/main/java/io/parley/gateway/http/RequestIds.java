package io.parley.gateway.http;

import java.util.UUID;
import java.util.regex.Pattern;

/** Honours a caller's X-Request-Id when it is a plain token, otherwise makes a fresh one. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    // Short and free of spaces, quotes and control characters, so it can go into logs and headers as is.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{8,128}");

    private RequestIds() {
    }

    public static String honourOrCreate(String incoming) {
        if (incoming != null && SANE.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }
}
