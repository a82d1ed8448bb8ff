package io.parley.comments.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IssoNewCommentRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static IssoNewCommentRequest parse(String body) throws Exception {
        return IssoNewCommentRequest.parse(JSON.readTree(body));
    }

    @Test
    void booleansCountAsIntegerParentsLikeInPython() throws Exception {
        assertEquals(1L, parse("{\"text\": \"abc\", \"parent\": true}").parent());
        assertEquals(0L, parse("{\"text\": \"abc\", \"parent\": false}").parent());
        assertEquals(0L, parse("{\"text\": \"abc\", \"parent\": 123456789012345678901234567890}").parent());
        assertNull(parse("{\"text\": \"abc\"}").parent());
    }

    @Test
    void notificationIsKeptAsSentOrNull() throws Exception {
        assertNull(parse("{\"text\": \"abc\"}").notification());
        assertEquals(0, parse("{\"text\": \"abc\", \"notification\": 0}").notification());
        assertEquals(1, parse("{\"text\": \"abc\", \"notification\": true}").notification());
        assertEquals(1, parse("{\"text\": \"abc\", \"notification\": \"yes\"}").notification());
    }

    @Test
    void emptyStringsStayEmptyAndEmptyTitleMeansNone() throws Exception {
        IssoNewCommentRequest request = parse("{\"text\": \"abc\", \"author\": \"\", \"website\": \"\", \"title\": \"\"}");
        assertEquals("", request.author());
        assertEquals("", request.website());
        assertNull(request.title());
    }

    @Test
    void errorsComeInIssoOrder() {
        IssoException e = assertThrows(IssoException.class,
                () -> parse("{\"parent\": \"x\", \"author\": 1}"));
        assertEquals("text is missing", e.getMessage());
        e = assertThrows(IssoException.class, () -> parse("{\"text\": 1, \"parent\": \"x\"}"));
        assertEquals("parent must be an integer or null", e.getMessage());
        e = assertThrows(IssoException.class, () -> parse("{\"text\": \"a\", \"author\": 1}"));
        assertEquals("author must be a string or null", e.getMessage());
        assertTrue(e.htmlOnly());
        e = assertThrows(IssoException.class, () -> parse("[]"));
        assertEquals(400, e.status());
    }

    @Test
    void toStringHidesPersonalData() throws Exception {
        String shown = parse("{\"text\": \"abc\", \"email\": \"me@example.com\"}").toString();
        assertTrue(!shown.contains("me@example.com"), shown);
    }
}
