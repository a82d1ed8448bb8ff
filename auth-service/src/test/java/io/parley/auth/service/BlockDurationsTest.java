package io.parley.auth.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BlockDurationsTest {

    @Test
    void goDurationsAndDays() {
        assertEquals(Duration.ofDays(7), BlockDurations.parse("7d"));
        assertEquals(Duration.ofHours(12), BlockDurations.parse("12h"));
        assertEquals(Duration.ofDays(30), BlockDurations.parse("43200m"));
        assertEquals(Duration.ofMinutes(90), BlockDurations.parse("1h30m"));
        assertEquals(Duration.ofMinutes(90), BlockDurations.parse("1.5h"));
        assertEquals(Duration.ofMillis(1500), BlockDurations.parse("1s500ms"));
        assertEquals(Duration.ofDays(1).plusHours(2), BlockDurations.parse("1d2h"));
    }

    @Test
    void emptyOrZeroIsPermanentAndHugeIsCapped() {
        assertNull(BlockDurations.parse(null));
        assertNull(BlockDurations.parse(""));
        assertNull(BlockDurations.parse("0"));
        assertNull(BlockDurations.parse("0s"));
        assertEquals(UserService.PERMANENT, BlockDurations.parse("999999999d"));
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[]{"7", "d", "7 d", "-1h", "1y", "1h-", "soon", "1e3s"}) {
            assertThrows(IllegalArgumentException.class, () -> BlockDurations.parse(bad), bad);
        }
    }
}
