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
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.PostUpdated;
import io.parley.events.feed.FeedEventTypes;
import io.parley.events.users.UserEvent;
import io.parley.events.users.UserEventTypes;
import io.parley.events.votes.VoteEventTypes;
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
    void postUpdatedRoundTrips() throws IOException {
        assertRoundTrip(CommentEventTypes.POST_UPDATED, PostUpdated.class);
        assertEquals(null, CommentEventTypes.bodyType(CommentEventTypes.POST_UPDATED), "not a comment event");
    }

    @Test
    void voteCastRoundTrips() throws IOException {
        assertRoundTrip(VoteEventTypes.CAST, VoteEventTypes.bodyType(VoteEventTypes.CAST));
    }

    @Test
    void postInfoRoundTrips() throws IOException {
        assertRoundTrip(FeedEventTypes.POST_INFO, FeedEventTypes.bodyType(FeedEventTypes.POST_INFO));
    }

    @ParameterizedTest
    @ValueSource(strings = {UserEventTypes.BLOCKED, UserEventTypes.UNBLOCKED, UserEventTypes.VERIFIED,
            UserEventTypes.DELETED})
    void userEventsRoundTrip(String type) throws IOException {
        Class<? extends UserEvent> bodyType = UserEventTypes.bodyType(type);
        assertNotNull(bodyType, "a body type for " + type);
        assertRoundTrip(type, bodyType);
    }

    @Test
    void olderCommentEventsWithoutPictureOrPinStillRead() throws IOException {
        String older = """
                {"site":"remark","postUrl":"/p","comment":{"id":1,"parentId":null,"state":"PUBLISHED",
                 "author":{"name":"Ada","userId":null,"email":null,"website":null,"hash":"h",
                 "clientNetwork":null,"wantsReplyNotifications":false},"text":"t","html":"<p>t</p>",
                 "postTitle":null,"created":"2026-11-23T12:00:00Z","modified":null,"version":1}}""";
        CommentPosted event = mapper.readValue(older, CommentPosted.class);
        assertEquals(null, event.comment().author().picture());
        assertFalse(event.comment().pinned());
    }

    @Test
    void unknownTypesHaveNoBody() {
        assertEquals(null, CommentEventTypes.bodyType("comment.unheard-of"));
        assertEquals(null, VoteEventTypes.bodyType("vote.unheard-of"));
        assertEquals(null, UserEventTypes.bodyType("user.unheard-of"));
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

    private void assertRoundTrip(String type, Class<?> bodyType) throws IOException {
        JsonNode golden = readGolden(type);
        Object event = mapper.treeToValue(golden, bodyType);
        JsonNode written = mapper.valueToTree(event);
        assertEquals(golden.toString(), written.toString(), "round trip of " + type);
        assertEquals(event, mapper.treeToValue(written, bodyType));
    }

    private JsonNode readGolden(String type) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/golden/" + type + ".json")) {
            assertNotNull(in, "golden sample for " + type);
            return mapper.readTree(in);
        }
    }
}
