package io.parley.gateway.client;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Strict IP literal parsing. {@link InetAddress#getByName} alone would resolve host names through DNS
 * and accept legacy forms such as {@code 1.2.3}; header values must never trigger either.
 */
public final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpAddresses() {
    }

    /** Parses a bare IPv4 or IPv6 literal; IPv4-mapped IPv6 comes back as IPv4. */
    public static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        boolean v4 = IPV4.matcher(s).matches();
        boolean v6 = !v4 && s.indexOf(':') >= 0 && IPV6_CHARS.matcher(s).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s)); // a validated literal: no DNS lookup happens
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses one X-Forwarded-For element, which some proxies write with a port or in brackets:
     * {@code 1.2.3.4}, {@code 1.2.3.4:5678}, {@code [2001:db8::1]}, {@code [2001:db8::1]:443}.
     */
    public static Optional<InetAddress> parseForwarded(String element) {
        if (element == null) {
            return Optional.empty();
        }
        String s = element.trim();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            return end > 0 ? parse(s.substring(1, end)) : Optional.empty();
        }
        int colon = s.indexOf(':');
        if (colon > 0 && colon == s.lastIndexOf(':')) {
            s = s.substring(0, colon); // IPv4 with port
        }
        return parse(s);
    }

    /**
     * The network an address belongs to, as Isso anonymises it (isso.md §1.4): IPv4 keeps /24,
     * IPv6 keeps /48. The only form of a client address the gateway ever writes to its logs.
     */
    public static String anonymise(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0";
        }
        if (address instanceof Inet6Address) {
            return String.format("%02x%02x:%02x%02x:%02x%02x::", bytes[0], bytes[1], bytes[2], bytes[3],
                    bytes[4], bytes[5]);
        }
        return "0.0.0.0";
    }
}
