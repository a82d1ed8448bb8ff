package io.parley.feed.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.events.comments.CommentState;
import io.parley.feed.service.StoredComment;

/** The feed's exact shape, element for element as Isso writes it. */
class IssoAtomFeedTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void writesIssoIdsTitlesLinksAndThreading() {
        StoredComment top = comment(9, null, "Ada", "<p>a &amp; b</p>", T0.plusNanos(123_456_000), null);
        StoredComment reply = comment(11, 9L, null, "<p>re</p>", T0, T0.plusSeconds(90));

        String xml = new IssoAtomFeed("https://blog.example.com:8443/").write("/post/", 77, List.of(top, reply));

        assertEquals("<?xml version='1.0' encoding='utf-8'?>\n"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:thr=\"http://purl.org/syndication/thread/1.0\">"
                + "<updated>2026-11-23T12:00:00.123456Z</updated>"
                + "<id>tag:blog.example.com:8443,2018:/isso/thread/post/</id>"
                + "<title>Comments for blog.example.com:8443/post/</title>"
                + "<entry><id>tag:blog.example.com:8443,2018:/isso/77/9</id><title>Comment #9</title>"
                + "<updated>2026-11-23T12:00:00.123456Z</updated><author><name>Ada</name></author>"
                + "<link href=\"https://blog.example.com:8443/post/#isso-9\"/>"
                + "<content type=\"html\">&lt;p&gt;a &amp;amp; b&lt;/p&gt;</content></entry>"
                + "<entry><id>tag:blog.example.com:8443,2018:/isso/77/11</id><title>Comment #11</title>"
                + "<updated>2026-11-23T12:01:30Z</updated><author><name></name></author>"
                + "<link href=\"https://blog.example.com:8443/post/#isso-11\"/>"
                + "<content type=\"html\">&lt;p&gt;re&lt;/p&gt;</content>"
                + "<thr:in-reply-to ref=\"tag:blog.example.com:8443,2018:/isso/77/9\""
                + " href=\"https://blog.example.com:8443/post/#isso-9\"/></entry>"
                + "</feed>", xml);
    }

    @Test
    void emptyFeedHasIssoFixedDate() {
        String xml = new IssoAtomFeed("https://blog.example.com").write("/none/", 1, List.of());

        assertEquals("<?xml version='1.0' encoding='utf-8'?>\n"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:thr=\"http://purl.org/syndication/thread/1.0\">"
                + "<updated>1970-01-01T01:00:00Z</updated><id>tag:blog.example.com,2018:/isso/thread/none/</id>"
                + "<title>Comments for blog.example.com/none/</title></feed>", xml);
    }

    @Test
    void brokenBaseGivesAnEmptyHostNotAnError() {
        String xml = new IssoAtomFeed("not a url").write("/p/", 1, List.of());

        assertEquals(true, xml.contains("<id>tag:,2018:/isso/thread/p/</id>"), xml);
    }

    @Test
    void threadIdsAreStablePositiveAndPerSite() {
        long tid = IssoFeedResource.threadId("remark", "/post/");
        assertEquals(tid, IssoFeedResource.threadId("remark", "/post/"));
        assertEquals(true, tid >= 0 && tid <= Integer.MAX_VALUE);
        assertEquals(false, tid == IssoFeedResource.threadId("other", "/post/"));
    }

    private static StoredComment comment(long id, Long parent, String author, String html, Instant created,
                                         Instant modified) {
        return new StoredComment("remark", "/post/", id, parent, CommentState.PUBLISHED, author, null, "h", null,
                "md", html, null, created, modified, 1);
    }
}
