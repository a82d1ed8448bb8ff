package io.parley.events.comments;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Isso's client address anonymisation, which defines {@link CommentAuthor#clientNetwork()}: only the network part of
 * an address is ever stored. comments-service applies it to authors and votes-service to voters, and the two must
 * agree for the rule that authors cannot vote on their own comments, so it lives here, next to the contract.
 */
public final class ClientNetworks {

    public static final String UNKNOWN = "0.0.0.0";

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    // Only hex digits, colons and dots (an embedded IPv4 tail): never a host name, so no DNS lookup can happen.
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

    private ClientNetworks() {
    }

    /** {@code 12.34.56.78} → {@code 12.34.56.0}; IPv6 keeps three groups; anything else → {@code 0.0.0.0}. */
    public static String anonymise(String address) {
        if (address == null) {
            return UNKNOWN;
        }
        String candidate = address.trim();
        if (IPV4.matcher(candidate).matches()) {
            String[] octets = candidate.split("\\.");
            for (String octet : octets) {
                if (Integer.parseInt(octet) > 255) {
                    return UNKNOWN;
                }
            }
            return octets[0] + "." + octets[1] + "." + octets[2] + ".0";
        }
        if (candidate.indexOf(':') < 0 || !IPV6_CHARS.matcher(candidate).matches()) {
            return UNKNOWN;
        }
        InetAddress parsed;
        try {
            parsed = InetAddress.getByName(candidate);
        } catch (UnknownHostException | SecurityException e) {
            return UNKNOWN;
        }
        byte[] bytes = parsed.getAddress();
        if (parsed instanceof Inet4Address) {
            // IPv4-mapped IPv6 (::ffff:a.b.c.d) is returned by the JDK as an IPv4 address.
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0";
        }
        if (parsed instanceof Inet6Address) {
            return String.format("%02x%02x:%02x%02x:%02x%02x:0000:0000:0000:0000:0000",
                    bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5]);
        }
        return UNKNOWN;
    }
}
