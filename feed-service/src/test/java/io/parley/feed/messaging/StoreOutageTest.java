package io.parley.feed.messaging;

import static io.parley.feed.support.CommentEventSender.comment;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentPosted;
import io.parley.events.comments.CommentState;
import io.parley.feed.support.CommentEventSender;
import io.parley.stack.MongoServer;
import io.parley.stack.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTest;

/** While MongoDB is away events wait (nothing is dead-lettered or lost) and are applied once it is back. */
@QuarkusTest
class StoreOutageTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void eventsConsumedDuringAStoreOutageAreAppliedAfterIt() {
        String url = "https://blog.example.com/" + UUID.randomUUID() + "/";
        MongoServer mongo = LocalInfrastructure.current().mongo();
        try (CommentEventSender sender = new CommentEventSender(bootstrapServers)) {
            mongo.stop();
            try {
                sender.send(CommentEventTypes.POSTED,
                        new CommentPosted("remark", url, comment(1, CommentState.PUBLISHED, 1)));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("uri", url)
                        .when().get("/count").then().statusCode(503));
                given().when().get("/q/health/ready").then().statusCode(503);
            } finally {
                mongo.start();
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("uri", url)
                    .when().get("/count").then().statusCode(200).body(equalTo("1")));
            sender.send(CommentEventTypes.POSTED, new CommentPosted("remark", url, comment(2, CommentState.PUBLISHED, 1)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("uri", url)
                    .when().get("/count").then().statusCode(200).body(equalTo("2")));
        }
    }
}
