package io.parley.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.parley.events.comments.CommentAuthor;
import io.parley.events.comments.CommentEvent;
import io.parley.events.comments.CommentEventTypes;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every contract reads its golden sample and writes it back unchanged, so producers and consumers agree. */
class GoldenSamplesTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @ParameterizedTest
    @ValueSource(strings = {CommentEventTypes.POSTED, CommentEventTypes.EDITED, CommentEventTypes.DELETED,
            CommentEventTypes.MODERATED})
    void commentEventsRoundTrip(String type) throws IOException {
        JsonNode golden = readGolden(type);
        Class<? extends CommentEvent> bodyType = CommentEventTypes.bodyType(type);
        assertNotNull(bodyType, "a body type for " + type);

        CommentEvent event = mapper.treeToValue(golden, bodyType);
        JsonNode written = mapper.valueToTree(event);

        assertEquals(golden.toString(), written.toString(), "round trip of " + type);
        assertEquals(event, mapper.treeToValue(written, bodyType));
    }

    @Test
    void unknownTypesHaveNoBody() {
        assertEquals(null, CommentEventTypes.bodyType("comment.unheard-of"));
    }

    @Test
    void authorToStringHidesPrivateData() {
        CommentAuthor author = new CommentAuthor("Ada", null, "ada@example.com", null, "abc", "10.0.0.0", true);
        assertFalse(author.toString().contains("ada@example.com"));
        assertFalse(author.toString().contains("10.0.0.0"));
    }

    @Test
    void postKeyJoinsSiteAndUrl() {
        assertEquals("remark|/a|b", Topics.postKey("remark", "/a|b"));
    }

    private JsonNode readGolden(String type) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/golden/" + type + ".json")) {
            assertNotNull(in, "golden sample for " + type);
            return mapper.readTree(in);
        }
    }
}
