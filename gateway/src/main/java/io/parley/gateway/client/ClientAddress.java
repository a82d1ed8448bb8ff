package io.parley.gateway.client;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The resolved client and the verified hops from it to the gateway ({@code chain} starts with the
 * client and ends with the direct peer). Whatever a client wrote left of itself is not in it.
 */
public record ClientAddress(InetAddress client, List<InetAddress> chain) {

    public ClientAddress {
        chain = List.copyOf(chain);
    }

    /** The direct TCP peer. */
    public InetAddress peer() {
        return chain.get(chain.size() - 1);
    }

    /** X-Forwarded-For for the upstream request. */
    public String forwardedFor() {
        return chain.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
    }

    public String anonymisedNetwork() {
        return IpAddresses.anonymise(client);
    }
}
