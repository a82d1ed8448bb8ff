package io.parley.feed.service;

import static io.parley.feed.support.CommentEventSender.comment;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** The projector against the real Mongo wire server (no transactions): concurrent writers lose nothing. */
@QuarkusTest
class PostInfoProjectorTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    PostInfoProjector projector;

    @Inject
    PostInfoService service;

    @Test
    void concurrentUpdatesOfOnePostAreAllKept() {
        String url = "https://blog.example.com/" + UUID.randomUUID() + "/";
        List<Uni<Boolean>> writes = LongStream.rangeClosed(1, 20)
                .mapToObj(id -> projector.apply(new CommentPosted("remark", url, comment(id, CommentState.PUBLISHED, 1))))
                .toList();
        Uni.join().all(writes).andFailFast().await().atMost(WAIT);

        PostSummary summary = service.summary("remark", url).await().atMost(WAIT);
        assertEquals(20, summary.count());
        assertEquals("A post", summary.title());
    }

    @Test
    void applyingTheSameEventAgainReportsNoChange() {
        String url = "https://blog.example.com/" + UUID.randomUUID() + "/";
        CommentPosted event = new CommentPosted("remark", url, comment(1, CommentState.PUBLISHED, 1));

        assertEquals(true, projector.apply(event).await().atMost(WAIT));
        assertEquals(false, projector.apply(event).await().atMost(WAIT));
        assertEquals(1, service.summary("remark", url).await().atMost(WAIT).count());
    }
}
