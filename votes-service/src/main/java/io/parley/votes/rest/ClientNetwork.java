package io.parley.votes.rest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Isso's anonymisation of a client address (its voter identity): IPv4 keeps the first three octets
 * ({@code 1.2.3.4} → {@code 1.2.3.0}), IPv6 the first three groups, fully written out, then five {@code 0000}
 * groups; IPv4-mapped IPv6 counts as IPv4; anything else is {@code 0.0.0.0}. comments-service applies the same rule
 * to the author's address, so the two must agree (docs/votes.md).
 */
final class ClientNetwork {

    static final String UNPARSABLE = "0.0.0.0";

    private ClientNetwork() {
    }

    static String anonymise(String address) {
        if (address == null || address.isBlank()) {
            return UNPARSABLE;
        }
        String text = address.strip();
        byte[] bytes = text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
        if (bytes == null) {
            return UNPARSABLE;
        }
        if (bytes.length == 4) {
            return Byte.toUnsignedInt(bytes[0]) + "." + Byte.toUnsignedInt(bytes[1]) + "."
                    + Byte.toUnsignedInt(bytes[2]) + ".0";
        }
        StringBuilder network = new StringBuilder(39);
        for (int group = 0; group < 3; group++) {
            network.append(String.format("%02x%02x:", bytes[2 * group], bytes[2 * group + 1]));
        }
        return network.append("0000:0000:0000:0000:0000").toString();
    }

    /** Dotted quad without leading zeros (Python's ipaddress is that strict), or null. */
    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')
                    || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /** An IPv6 literal (4 bytes back for an IPv4-mapped one), or null. */
    private static byte[] ipv6(String text) {
        // A literal has hex digits, colons and an optional dotted tail only: then InetAddress never asks DNS.
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return null;
            }
        }
        try {
            InetAddress parsed = InetAddress.getByName(text);
            return parsed instanceof Inet6Address || parsed.getAddress().length == 4 ? parsed.getAddress() : null;
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
