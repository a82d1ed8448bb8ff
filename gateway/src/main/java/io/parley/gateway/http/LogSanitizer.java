package io.parley.gateway.http;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes a request target safe for the access log: e-mail addresses, signed keys and tokens are masked
 * in the path, and query values are dropped except for a few that are never private.
 */
public final class LogSanitizer {

    private static final Set<String> PUBLIC_QUERY_PARAMS = Set.of("site", "limit", "skip", "sort", "format",
            "view", "since", "mode", "page", "plain", "vote", "pin", "ro", "block", "verified", "provider",
            "order_by", "asc", "forum", "cursor", "order");
    // Isso moderation and unsubscribe links carry a signed key (and an e-mail) after these segments.
    private static final Set<String> SECRET_FOLLOWS = Set.of("unsubscribe", "activate", "edit", "delete");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int LONG_SEGMENT = 24;

    private LogSanitizer() {
    }

    public static String target(String path, String query) {
        String safePath = path(path);
        if (query == null || query.isEmpty()) {
            return safePath;
        }
        return safePath + "?" + query(query);
    }

    static String path(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        String[] segments = path.split("/", -1);
        boolean issoLink = segments.length > 2 && segments[1].equals("id");
        StringBuilder out = new StringBuilder();
        boolean maskRest = false;
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            out.append('/');
            if (segment.isEmpty()) {
                continue;
            }
            if (maskRest || looksPrivate(segment)) {
                out.append('*');
            } else {
                out.append(segment);
            }
            if (issoLink && i >= 3 && SECRET_FOLLOWS.contains(segment)) {
                maskRest = true;
            }
        }
        return out.toString();
    }

    static String query(String query) {
        StringBuilder out = new StringBuilder();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (looksPrivate(name)) {
                name = "*";
            }
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(name);
            if (eq >= 0) {
                String value = pair.substring(eq + 1);
                boolean shown = PUBLIC_QUERY_PARAMS.contains(name.toLowerCase(Locale.ROOT)) && !looksPrivate(value)
                        && value.length() <= 64;
                out.append('=').append(shown ? value : "*");
            }
        }
        return out.toString();
    }

    private static boolean looksPrivate(String segment) {
        String lower = segment.toLowerCase(Locale.ROOT);
        if (lower.contains("@") || lower.contains("%40")) {
            return true;
        }
        return segment.length() >= LONG_SEGMENT && !UUID.matcher(segment).matches();
    }
}
