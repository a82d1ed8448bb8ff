package io.parley.notify.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LinkSignerTest {

    private static final Instant AT = Instant.ofEpochSecond(1_700_000_000L);
    private final LinkSigner signer = new LinkSigner("secretkey");

    @Test
    void matchesPythonItsdangerous() {
        // URLSafeTimedSerializer("secretkey").dumps(["unsubscribe", "foo@example.com"]) at 1700000000
        assertEquals("WyJ1bnN1YnNjcmliZSIsImZvb0BleGFtcGxlLmNvbSJd.ZVPxAA.lH043id2Bl_tO3fBWTEQ3Hz1zB4",
                signer.sign(List.of("unsubscribe", "foo@example.com"), AT));
    }

    @Test
    void verifiesOwnTokensUntilTheyExpire() {
        String token = signer.sign(List.of("unsubscribe", "jörg@example.com"), AT);
        assertEquals(Optional.of(List.of("unsubscribe", "jörg@example.com")),
                signer.verify(token, Duration.ofDays(1), AT.plusSeconds(3600)));
        assertTrue(signer.verify(token, Duration.ofDays(1), AT.plus(Duration.ofDays(2))).isEmpty());
        assertTrue(signer.verify(token, Duration.ofDays(1), AT.minusSeconds(10)).isEmpty());
    }

    @Test
    void refusesForgeriesAndGarbage() {
        String token = signer.sign(List.of("unsubscribe", "a@example.com"), AT);
        assertTrue(new LinkSigner("other").verify(token, Duration.ofDays(1), AT).isEmpty());
        assertTrue(signer.verify(token.substring(1), Duration.ofDays(1), AT).isEmpty());
        assertTrue(signer.verify("a.b", Duration.ofDays(1), AT).isEmpty());
        assertTrue(signer.verify("", Duration.ofDays(1), AT).isEmpty());
        assertTrue(signer.verify(null, Duration.ofDays(1), AT).isEmpty());
        assertTrue(signer.verify("!!.??.**", Duration.ofDays(1), AT).isEmpty());
    }
}
