package io.parley.events;

import io.parley.events.comments.ClientNetworks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientNetworksTest {

    @Test
    void ipv4KeepsThreeOctets() {
        assertEquals("12.34.56.0", ClientNetworks.anonymise("12.34.56.78"));
        assertEquals("127.0.0.0", ClientNetworks.anonymise("127.0.0.1"));
    }

    @Test
    void ipv6KeepsThreeGroupsFullyExpanded() {
        assertEquals("1234:5678:90ab:0000:0000:0000:0000:0000",
                ClientNetworks.anonymise("1234:5678:90ab:cdef:fedc:ba09:8765:4321"));
        assertEquals("2001:0db8:0000:0000:0000:0000:0000:0000", ClientNetworks.anonymise("2001:db8::1"));
        assertEquals("0000:0000:0000:0000:0000:0000:0000:0000", ClientNetworks.anonymise("::1"));
    }

    @Test
    void ipv4MappedIpv6IsIpv4() {
        assertEquals("127.0.0.0", ClientNetworks.anonymise("::ffff:127.0.0.1"));
    }

    @Test
    void anythingElseIsUnknown() {
        assertEquals("0.0.0.0", ClientNetworks.anonymise(null));
        assertEquals("0.0.0.0", ClientNetworks.anonymise("example.com"));
        assertEquals("0.0.0.0", ClientNetworks.anonymise("256.1.1.1"));
        assertEquals("0.0.0.0", ClientNetworks.anonymise("01.2.3.4"));
        assertEquals("0.0.0.0", ClientNetworks.anonymise("1:2:3"));
        assertEquals("0.0.0.0", ClientNetworks.anonymise(""));
    }

    @Test
    void votersAreAnonymisedAsIssoDoes() {
        assertEquals("12.34.56.0", ClientNetworks.anonymise("12.34.56.78"));
        assertEquals("1234:5678:90ab:0000:0000:0000:0000:0000",
                ClientNetworks.anonymise("1234:5678:90ab:cdef:1:2:3:4"));
        assertEquals("127.0.0.0", ClientNetworks.anonymise("::ffff:127.0.0.1"));
        assertEquals("0.0.0.0", ClientNetworks.anonymise("localhost"));
        assertEquals("0.0.0.0", ClientNetworks.anonymise("01.2.3.4"));
        assertEquals("0.0.0.0", ClientNetworks.anonymise(null));
        assertEquals("0.0.0.0", ClientNetworks.anonymise("1.2.3.256"));
    }
}
