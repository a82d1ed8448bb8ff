package io.parley.feed.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** Query integers read like Python's int() and timestamps written like Isso's floats. */
class IssoParametersTest {

    @Test
    void limitsParseLikePython() {
        assertEquals(OptionalLong.of(5), IssoLimit.parse(" 5 "));
        assertEquals(OptionalLong.of(-3), IssoLimit.parse("-3"));
        assertEquals(OptionalLong.of(1000), IssoLimit.parse("1_000"));
        assertEquals(OptionalLong.of(Long.MAX_VALUE), IssoLimit.parse("99999999999999999999999"));
        assertEquals(OptionalLong.empty(), IssoLimit.parse("5.0"));
        assertEquals(OptionalLong.empty(), IssoLimit.parse("abc"));
        assertEquals(OptionalLong.empty(), IssoLimit.parse(""));
        assertEquals(OptionalLong.empty(), IssoLimit.parse(null));
    }

    @Test
    void timesAreSecondsWithMicroseconds() {
        assertEquals("1795435200.123456", IssoViews.seconds(Instant.parse("2026-11-23T12:00:00.123456789Z")).toString());
        assertEquals("1795435200.5", IssoViews.seconds(Instant.parse("2026-11-23T12:00:00.5Z")).toString());
        assertEquals("1795435200.0", IssoViews.seconds(Instant.parse("2026-11-23T12:00:00Z")).toString());
        assertEquals(null, IssoViews.seconds(null));
    }

    @Test
    void remarkLastLimitDefaultsAndCaps() {
        assertEquals(10, RemarkCommentsResource.parseLimit("10"));
        assertEquals(1000, RemarkCommentsResource.parseLimit("0"));
        assertEquals(1000, RemarkCommentsResource.parseLimit("-1"));
        assertEquals(1000, RemarkCommentsResource.parseLimit("5000"));
        assertEquals(1000, RemarkCommentsResource.parseLimit("x"));
    }
}
