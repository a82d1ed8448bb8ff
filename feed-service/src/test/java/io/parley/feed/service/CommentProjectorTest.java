package io.parley.feed.service;

import static io.parley.feed.support.CommentEventSender.comment;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.parley.events.comments.CommentEdited;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** Versioned upserts against the real Mongo wire server (no transactions): the newest version always wins. */
@QuarkusTest
class CommentProjectorTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    CommentProjector projector;

    @Inject
    CommentQueryService queries;

    @Test
    void concurrentVersionsOfOneCommentEndAtTheNewest() {
        String site = "projector-" + UUID.randomUUID();
        String url = "https://blog.example.com/" + UUID.randomUUID() + "/";
        List<Uni<Boolean>> writes = LongStream.rangeClosed(1, 12)
                .mapToObj(version -> projector.apply(new CommentEdited(site, url, comment(3, CommentState.PUBLISHED,
                        version))))
                .toList();
        Uni.join().all(writes).andFailFast().await().atMost(WAIT);

        List<StoredComment> stored = queries.thread(site, url, 10).await().atMost(WAIT);
        assertEquals(1, stored.size());
        assertEquals(12, stored.get(0).version());
    }

    @Test
    void replayingAnAppliedOrOlderVersionReportsNoChange() {
        String site = "projector-" + UUID.randomUUID();
        String url = "https://blog.example.com/" + UUID.randomUUID() + "/";

        assertEquals(true, projector.apply(new CommentEdited(site, url, comment(1, CommentState.PUBLISHED, 2)))
                .await().atMost(WAIT));
        assertEquals(false, projector.apply(new CommentEdited(site, url, comment(1, CommentState.PUBLISHED, 2)))
                .await().atMost(WAIT));
        assertEquals(false, projector.apply(new CommentPosted(site, url, comment(1, CommentState.PUBLISHED, 1)))
                .await().atMost(WAIT));
        assertEquals(2, queries.thread(site, url, 10).await().atMost(WAIT).get(0).version());
    }
}
