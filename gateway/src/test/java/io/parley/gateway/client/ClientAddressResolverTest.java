package io.parley.gateway.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressResolverTest {

    private final ClientAddressResolver resolver = new ClientAddressResolver(List.of(
            IpRange.parse("192.0.2.10"), IpRange.parse("10.0.0.0/8"), IpRange.parse("fd00::/8")));

    private static InetAddress ip(String text) {
        return IpAddresses.parse(text).orElseThrow();
    }

    @Test
    void untrustedPeerIsTheClientWhateverItForwards() {
        ClientAddress address = resolver.resolve(ip("198.51.100.1"), List.of("1.2.3.4"));
        assertEquals(ip("198.51.100.1"), address.client());
        assertEquals("198.51.100.1", address.forwardedFor());
    }

    @Test
    void scanFromTheRightSkippingTrustedHops() {
        ClientAddress address = resolver.resolve(ip("192.0.2.10"), List.of("6.6.6.6, 203.0.113.5", "10.1.1.1"));
        assertEquals(ip("203.0.113.5"), address.client());
        assertEquals("203.0.113.5, 10.1.1.1, 192.0.2.10", address.forwardedFor());
    }

    @Test
    void allTrustedMeansTheLeftMostHop() {
        assertEquals(ip("10.2.2.2"), resolver.resolve(ip("192.0.2.10"), List.of("10.2.2.2, 10.3.3.3")).client());
    }

    @Test
    void ipv6TrustedRangeAndMappedAddresses() {
        ClientAddress address = resolver.resolve(ip("fd12::1"), List.of("::ffff:203.0.113.9"));
        assertEquals(ip("203.0.113.9"), address.client());
        assertEquals("203.0.113.0", address.anonymisedNetwork());
        assertEquals("2001:0db8:0001::", IpAddresses.anonymise(ip("2001:db8:1:2:3:4:5:6")));
    }

    @ParameterizedTest
    @CsvSource({ "unknown", "example.org", "1.2.3", "01.2.3.4", "1.2.3.4.5", "::g", "''" })
    void noHostNamesOrLegacyForms(String text) {
        assertTrue(IpAddresses.parse(text).isEmpty(), text);
    }

    @Test
    void forwardedElementsWithPorts() {
        assertEquals(ip("1.2.3.4"), IpAddresses.parseForwarded("1.2.3.4:80").orElseThrow());
        assertEquals(ip("2001:db8::1"), IpAddresses.parseForwarded("[2001:db8::1]:443").orElseThrow());
        assertEquals(ip("2001:db8::1"), IpAddresses.parseForwarded("2001:db8::1").orElseThrow());
    }

    @Test
    void ranges() {
        assertTrue(IpRange.parse("10.0.0.0/8").contains(ip("10.255.0.1")));
        assertFalse(IpRange.parse("10.0.0.0/8").contains(ip("11.0.0.1")));
        assertTrue(IpRange.parse("172.16.0.0/12").contains(ip("172.31.255.255")));
        assertFalse(IpRange.parse("172.16.0.0/12").contains(ip("172.32.0.0")));
        assertFalse(IpRange.parse("10.0.0.0/8").contains(ip("::1")));
        assertTrue(IpRange.parse("0.0.0.0/0").contains(ip("8.8.8.8")));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("proxy.internal"));
    }
}
