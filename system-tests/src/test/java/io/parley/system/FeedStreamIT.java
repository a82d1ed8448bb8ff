package io.parley.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.parley.stack.LocalStack;
import io.parley.stack.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * feed-service behind the gateway, with the system stack's two replicas: Remark42 counts and
 * lists follow Isso posts, edits and deletes; SSE subscribers see {@code info} and {@code last} events for a new
 * comment; a client that loses its replica reconnects with {@code Last-Event-ID} and misses nothing.
 */
class FeedStreamIT extends GatewayTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SITE = "remark";

    @Test
    void countsAndListsFollowPostsEditsAndDeletes() {
        String a = Isso.freshUri("feed-a");
        String b = Isso.freshUri("feed-b");
        Response first = isso.postComment(a, "First on A");
        first.then().statusCode(201);
        isso.postComment(a, "Second on A").then().statusCode(201);
        isso.postComment(b, "Only on B").then().statusCode(201);

        await().atMost(PATIENCE).untilAsserted(() -> given().baseUri(gatewayUrl).queryParam("site", SITE)
                .contentType(ContentType.JSON).body(List.of(a, b, "/never/commented/")).when().post("/api/v1/counts")
                .then().statusCode(200).body("count", equalTo(List.of(2, 1, 0))));
        given().baseUri(gatewayUrl).queryParam("site", SITE).queryParam("url", a).when().get("/api/v1/count")
                .then().statusCode(200).body("count", equalTo(2));
        List<Map<String, Object>> listed = given().baseUri(gatewayUrl).queryParam("site", SITE).when()
                .get("/api/v1/list").then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(listed.stream().anyMatch(p -> a.equals(p.get("url")) && Integer.valueOf(2).equals(p.get("count"))),
                "list shows A with 2 comments");

        long firstId = first.jsonPath().getLong("id");
        String cookie = first.getCookie(String.valueOf(firstId));
        Response edited = given().baseUri(gatewayUrl).contentType(ContentType.JSON)
                .cookie(String.valueOf(firstId), cookie).body(Map.of("text", "First on A, edited")).when()
                .put("/id/" + firstId);
        edited.then().statusCode(200);
        // Isso signs the edit cookie over the text: an edit hands out a new one.
        String editedCookie = edited.getCookie(String.valueOf(firstId));
        await().atMost(PATIENCE).untilAsserted(() -> given().baseUri(gatewayUrl).queryParam("site", SITE)
                .when().get("/api/v1/last/50").then().statusCode(200)
                .body("find { it.id == '" + firstId + "' }.orig", equalTo("First on A, edited")));
        assertEquals(2, isso.count(a), "an edit changes no count");

        given().baseUri(gatewayUrl).contentType(ContentType.JSON)
                .cookie(String.valueOf(firstId), editedCookie == null ? cookie : editedCookie)
                .when().delete("/id/" + firstId)
                .then().statusCode(200);
        await().atMost(PATIENCE).until(() -> isso.count(a) == 1);
        given().baseUri(gatewayUrl).queryParam("site", SITE).queryParam("url", a).when().get("/api/v1/info")
                .then().statusCode(200).body("count", equalTo(1));
    }

    @Test
    void subscribersSeeNewCommentsAndResumeOnAnotherReplicaWithoutMissingAny(LocalStack stack) {
        String uri = Isso.freshUri("feed-stream");
        String seen;
        try (Subscription info = subscribe("/api/v1/stream/info?site=" + SITE + "&url=" + encode(uri), null);
             Subscription last = subscribe("/api/v1/stream/last?site=" + SITE, null)) {
            await().atMost(PATIENCE).until(() -> info.opened() && last.opened());
            long id = isso.postComment(uri, "Streamed comment").then().statusCode(201).extract().jsonPath().getLong("id");

            await().atMost(PATIENCE).until(() -> info.named("info").stream().anyMatch(e -> e.data().contains("\"count\":1")));
            await().atMost(PATIENCE).until(() -> last.named("last").stream()
                    .anyMatch(e -> e.data().contains("\"id\":\"" + id + "\"")));
            seen = last.named("last").stream().filter(e -> e.data().contains("\"id\":\"" + id + "\"")).findFirst()
                    .orElseThrow().id();
        }

        // The client's replica goes away; a comment is posted while the client is disconnected.
        List<ServiceProcess> replicas = stack.instances("feed-service");
        assertTrue(replicas.size() == 2, "the system stack runs two feed-service replicas");
        ServiceProcess lost = replicas.get(0);
        lost.stop();
        try {
            long missed = isso.postComment(uri, "Posted while the client was away").then().statusCode(201).extract()
                    .jsonPath().getLong("id");
            try (Subscription resumed = subscribe("/api/v1/stream/last?site=" + SITE, seen);
                 Subscription info = subscribe("/api/v1/stream/info?site=" + SITE + "&url=" + encode(uri), seen)) {
                await().atMost(PATIENCE).until(() -> resumed.named("last").stream()
                        .anyMatch(e -> e.data().contains("\"id\":\"" + missed + "\"")));
                await().atMost(PATIENCE).until(() -> info.named("info").stream()
                        .anyMatch(e -> e.data().contains("\"count\":2")));
                List<Event> events = resumed.named("last");
                assertTrue(events.stream().allMatch(e -> Long.parseLong(e.id()) > Long.parseLong(seen)),
                        "nothing the client already had: " + events);
            }
        } finally {
            if (!lost.isRunning()) {
                lost.start();
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Subscription subscribe(String path, String lastEventId) {
        return new Subscription(URI.create(gatewayUrl + path), lastEventId);
    }

    record Event(String id, String name, String data) {
    }

    /** An EventSource reduced to what these tests need: the events of one stream, as they arrive. */
    static final class Subscription implements AutoCloseable {
        private static final HttpClient HTTP = HttpClient.newHttpClient();
        private final List<Event> events = new CopyOnWriteArrayList<>();
        private final CompletableFuture<HttpResponse<Stream<String>>> response;
        private volatile boolean opened;

        Subscription(URI uri, String lastEventId) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
            response.thenAcceptAsync(r -> {
                opened = r.statusCode() == 200;
                String[] event = new String[3];
                r.body().forEach(line -> {
                    if (line.isEmpty()) {
                        if (event[2] != null) {
                            events.add(new Event(event[0], event[1], event[2]));
                        }
                        event[1] = null;
                        event[2] = null;
                    } else if (line.startsWith("id:")) {
                        event[0] = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        event[1] = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        event[2] = line.substring(5).trim();
                    }
                });
            });
        }

        boolean opened() {
            return opened;
        }

        List<Event> named(String name) {
            return events.stream().filter(e -> name.equals(e.name())).toList();
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
            response.cancel(true);
        }
    }
}
