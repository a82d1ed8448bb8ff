package io.parley.feed.rest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class UrlListReaderTest {

    private final UrlListReader reader = new UrlListReader();

    {
        reader.mapper = new ObjectMapper();
    }

    @Test
    void readsAnArrayOfStringsInOrder() throws Exception {
        assertEquals(List.of("/b", "/a", "/b"), reader.read("[\"/b\",\"/a\",\"/b\"]".getBytes(UTF_8)));
        assertEquals(List.of(), reader.read("[]".getBytes(UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"uri\":\"/a\"}", "\"/a\"", "[1,2]", "[\"/a\",null]", "[[\"/a\"]]", "null" })
    void refusesOtherShapes(String body) {
        UrlListReader.BadUrlList error = assertThrows(UrlListReader.BadUrlList.class,
                () -> reader.read(body.getBytes(UTF_8)));
        assertFalse(error.unparsable());
    }

    @ParameterizedTest
    @ValueSource(strings = { "[\"/a\"", "not json", "[\"/a\"] trailing", "" })
    void refusesUnparsableBodies(String body) {
        UrlListReader.BadUrlList error = assertThrows(UrlListReader.BadUrlList.class,
                () -> reader.read(body.getBytes(UTF_8)));
        assertTrue(error.unparsable(), body);
    }
}
