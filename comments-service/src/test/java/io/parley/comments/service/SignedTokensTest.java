package io.parley.comments.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignedTokensTest {

    private static final long TIME = 1700000000L;
    private final SignedTokens tokens = new SignedTokens("secretkey");

    @Test
    void matchesItsdangerousVectors() {
        assertEquals("WzEsIjZlYWUzYTViMDYyYzZkMGQ3OWYwNzBjMjZlNmQ2MjQ4NmI0MGNiNDYiXQ.ZVPxAA.hYpXJF78FZU3dorCmZQqAkt4aPE",
                tokens.sign(List.of(1, "6eae3a5b062c6d0d79f070c26e6d62486b40cb46"), TIME));
        assertEquals("MQ.ZVPxAA.ICwvBZnCKKPyPVAYQUtZzv5FXTI", tokens.sign(1, TIME));
    }

    @Test
    void verifiesOwnTokensWithinMaxAge() {
        String token = tokens.sign(List.of(7, "abc"), TIME);
        Optional<JsonNode> value = tokens.verify(token, 900, TIME + 900);
        assertTrue(value.isPresent());
        assertEquals(7, value.get().get(0).intValue());
        assertEquals("abc", value.get().get(1).textValue());
    }

    @Test
    void rejectsExpiredForgedAndMalformedTokens() {
        String token = tokens.sign(1, TIME);
        assertTrue(tokens.verify(token, 900, TIME + 901).isEmpty());
        assertTrue(new SignedTokens("other").verify(token, 900, TIME).isEmpty());
        assertTrue(tokens.verify(token.replace("MQ", "Mg"), 900, TIME).isEmpty());
        assertTrue(tokens.verify("garbage", 900, TIME).isEmpty());
        assertTrue(tokens.verify("a.b.c.d", 900, TIME).isEmpty());
        assertTrue(tokens.verify(".!!.ZVPxAA.x", 900, TIME).isEmpty());
    }

    @Test
    void compressesLongPayloadsAndReadsThemBack() {
        String longText = "ü".repeat(200);
        String token = tokens.sign(List.of("unsubscribe", longText), TIME);
        assertTrue(token.startsWith("."), token);
        assertEquals(longText, tokens.verify(token, 60, TIME).orElseThrow().get(1).textValue());
    }
}
