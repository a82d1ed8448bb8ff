package io.parley.gateway.client;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Finds the real client address. X-Forwarded-For is believed only when the direct peer is a trusted
 * proxy; then the chain (plus the peer) is scanned from the right and the first address that is not a
 * trusted proxy is the client (isso.md §1.4, without Isso's spoofable ProxyFix quirk). Entries left of
 * it were written by the client itself and are ignored.
 */
public final class ClientAddressResolver {

    private final List<IpRange> trusted;

    public ClientAddressResolver(List<IpRange> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    public boolean isTrusted(InetAddress address) {
        for (IpRange range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param peer the TCP peer address
     * @param forwardedFor every X-Forwarded-For header value, in order (may be empty)
     */
    public ClientAddress resolve(InetAddress peer, List<String> forwardedFor) {
        if (forwardedFor.isEmpty() || !isTrusted(peer)) {
            return new ClientAddress(peer, List.of(peer));
        }
        List<String> elements = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String element : header.split(",")) {
                if (!element.isBlank()) {
                    elements.add(element.trim());
                }
            }
        }
        Deque<InetAddress> verified = new ArrayDeque<>();
        verified.addFirst(peer);
        for (int i = elements.size() - 1; i >= 0; i--) {
            Optional<InetAddress> parsed = IpAddresses.parseForwarded(elements.get(i));
            if (parsed.isEmpty()) {
                // a trusted hop passed on garbage ("unknown", a host name): the hop right of it is the best we know
                break;
            }
            verified.addFirst(parsed.get());
            if (!isTrusted(parsed.get())) {
                break;
            }
        }
        return new ClientAddress(verified.peekFirst(), List.copyOf(verified));
    }
}
