package io.parley.comments.rest;

import io.parley.comments.service.ThreadComment;
import io.parley.comments.service.ThreadPage;
import io.parley.events.comments.CommentState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Pure helpers of the Isso views: origin matching and Gravatar URLs. */
class IssoOriginsTest {

    @Test
    void normalisesToSchemeHostAndNonDefaultPort() {
        assertEquals("https://example.com", IssoOrigins.normalise("https://Example.com:443/path"));
        assertEquals("http://example.com:8080", IssoOrigins.normalise("http://example.com:8080/"));
        assertNull(IssoOrigins.normalise("ftp://example.com"));
        assertNull(IssoOrigins.normalise("not a url"));
        assertNull(IssoOrigins.normalise(null));
    }

    @Test
    void siteIsTheConfiguredHostMatchingOriginOrReferer() {
        List<String> hosts = List.of("https://blog.example", "http://localhost:1313/");
        assertEquals("http://localhost:1313", IssoOrigins.matchingSite(hosts, "http://LOCALHOST:1313", null));
        assertEquals("http://localhost:1313", IssoOrigins.matchingSite(hosts, null, "http://localhost:1313/p/1"));
        assertEquals("https://blog.example", IssoOrigins.matchingSite(hosts, "https://evil.example", null));
        assertEquals("https://blog.example", IssoOrigins.matchingSite(hosts, null, null));
        assertEquals(IssoOrigins.NO_SITE, IssoOrigins.matchingSite(List.of(), "https://blog.example", null));
    }

    @Test
    void gravatarImageIsTheMd5OfEmailOrAuthor() {
        ThreadComment withEmail = new ThreadComment(1, null, CommentState.PUBLISHED, "t", "<p>t</p>", "Ann",
                "foo@example.com", null, "abc", null, Instant.ofEpochSecond(1), null, 0, 0);
        ThreadComment anonymous = new ThreadComment(2, null, CommentState.PUBLISHED, "t", "<p>t</p>", null, null,
                null, "abc", null, Instant.ofEpochSecond(2), null, 0, 0);
        ThreadPage page = new ThreadPage(null, 2, 0, List.of(
                new ThreadPage.Entry(withEmail, true, 0, 0, List.of()),
                new ThreadPage.Entry(anonymous, true, 0, 0, List.of())));
        Map<String, Object> body = IssoThreadView.of(page, false, "https://g/{}?d=identicon", Map.of());
        List<?> replies = (List<?>) body.get("replies");
        assertEquals("https://g/b48def645758b95537d4424c84d1a9ff?d=identicon",
                ((Map<?, ?>) replies.get(0)).get("gravatar_image"));
        assertEquals("https://g/d41d8cd98f00b204e9800998ecf8427e?d=identicon",
                ((Map<?, ?>) replies.get(1)).get("gravatar_image"));
        List<?> withoutGravatar = (List<?>) IssoThreadView.of(page, false, null, Map.of()).get("replies");
        assertEquals(false, ((Map<?, ?>) withoutGravatar.get(0)).containsKey("gravatar_image"));
    }
}
