package io.parley.auth.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;

/**
 * Where a login may send the browser afterwards ({@code from}): a path on our own host, or an http(s) URL whose host is
 * ours or one of the configured allowed hosts. Anything else would be an open redirect.
 */
public final class RedirectPolicy {

    private RedirectPolicy() {
    }

    /**
     * @param ownHost      host (with port, if any) browsers use for us
     * @param allowedHosts further hosts (with or without port; without, any port of that host)
     */
    public static boolean allowed(String from, String ownHost, Collection<String> allowedHosts) {
        if (from == null || from.isBlank() || from.length() > 2048 || from.contains("\\")
                || from.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(from);
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() == null) {
            // A path of our own site; "//host" would be another host.
            return uri.getRawAuthority() == null && from.startsWith("/") && !from.startsWith("//");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String hostAndPort = uri.getPort() < 0 ? host : host + ":" + uri.getPort();
        if (ownHost != null && (ownHost.equalsIgnoreCase(hostAndPort) || ownHost.equalsIgnoreCase(host))) {
            return true;
        }
        for (String allowed : allowedHosts) {
            String candidate = allowed.trim().toLowerCase(Locale.ROOT);
            if (candidate.equals(hostAndPort) || candidate.equals(host)) {
                return true;
            }
        }
        return false;
    }
}
