package io.parley.comments.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.comments.TestSupport;
import io.parley.comments.service.SignedTokens;
import io.parley.events.comments.CommentDeleted;
import io.parley.events.comments.CommentEdited;
import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Isso's owner endpoints: {@code GET/PUT/DELETE /id/<id>} with the edit cookie. */
@QuarkusTest
class IssoOwnerTest {

    static final String ATTRIBUTES = "; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax";

    @Inject
    ObjectMapper json;

    /** A posted comment and its edit token. */
    record Posted(long id, String token) {
    }

    static Posted post(String uri, String body) {
        Response response = IssoNewCommentTest.post(uri, body).then().statusCode(201).extract().response();
        return new Posted(response.jsonPath().getLong("id"), token(response));
    }

    static String token(Response response) {
        String cookie = response.header("Set-Cookie");
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    static RequestSpecification owner(Posted p) {
        return given().cookie(Long.toString(p.id()), p.token());
    }

    static SignedTokens tokens() throws Exception {
        return new SignedTokens((String) TestSupport.row("select value from preferences where key = ?",
                "session-key").get("value"));
    }

    @Test
    void viewNeedsTheCommentsOwnCookie() throws Exception {
        String uri = TestSupport.uniqueUri();
        Posted p = post(uri, "{\"text\": \"see *me*\", \"author\": \"Ann\", \"email\": \"ann@example.com\"}");
        Posted other = post(uri, "{\"text\": \"another one\"}");

        Response ok = owner(p).get("/id/" + p.id()).then().statusCode(200).contentType(ContentType.JSON)
                .body("id", equalTo((int) p.id()))
                .body("text", equalTo("<p>see <em>me</em></p>"))
                .body("author", equalTo("Ann"))
                .body("mode", equalTo(1)).extract().response();
        assertEquals(Set.of("id", "parent", "text", "author", "website", "mode", "created", "modified", "likes",
                "dislikes", "notification"), ok.jsonPath().getMap("$").keySet());
        owner(p).queryParam("plain", 1).get("/id/" + p.id()).then().statusCode(200).body("text", equalTo("see *me*"));
        owner(p).queryParam("plain", 0).get("/id/" + p.id()).then().statusCode(200)
                .body("text", equalTo("<p>see <em>me</em></p>"));
        // The client's own copy of the cookie works too.
        given().cookie("isso-" + p.id(), p.token()).get("/id/" + p.id()).then().statusCode(200);

        given().get("/id/" + p.id()).then().statusCode(403);
        given().cookie(Long.toString(p.id()), "forged.token.value").get("/id/" + p.id()).then().statusCode(403);
        given().cookie(Long.toString(p.id()), "").get("/id/" + p.id()).then().statusCode(403);
        // Isso accepts any valid edit token here; we require the token of this comment.
        given().cookie(Long.toString(p.id()), other.token()).get("/id/" + p.id()).then().statusCode(403);
        String expired = tokens().sign(List.of(p.id(), IssoCookies.sha1Hex("see *me*")),
                Instant.now().getEpochSecond() - 901);
        given().cookie(Long.toString(p.id()), expired).get("/id/" + p.id()).then().statusCode(403);
        // Missing is checked first.
        given().get("/id/999999999").then().statusCode(404);
        given().get("/id/abc").then().statusCode(404);
        given().get("/id/-1").then().statusCode(404);
        given().get("/id/99999999999999999999999").then().statusCode(404);
        given().accept("application/json").get("/id/999999999").then().statusCode(404)
                .body("message", containsString("404 Not Found"));
        given().post("/id/" + p.id()).then().statusCode(405);
    }

    @Test
    void ownerEditsTextAuthorAndWebsiteAndGetsNewCookies() throws Exception {
        String uri = TestSupport.uniqueUri();
        Posted p = post(uri, "{\"text\": \"first words\", \"author\": \"Ann\", \"email\": \"ann@example.com\","
                + " \"website\": \"ann.example\"}");
        Response edited = owner(p).contentType(ContentType.JSON)
                .body("{\"text\": \"better **words**\", \"author\": \"<Ann>\", \"website\": \"ann.example/x\","
                        + " \"email\": \"new@example.com\", \"parent\": 5}")
                .put("/id/" + p.id()).then().statusCode(200).contentType(ContentType.JSON)
                .body("text", equalTo("<p>better <strong>words</strong></p>"))
                .body("author", equalTo("&lt;Ann&gt;"))
                .body("website", equalTo("http://ann.example/x"))
                .body("parent", nullValue())
                .body("modified", notNullValue())
                .extract().response();
        assertTrue(!edited.jsonPath().getMap("$").containsKey("hash"));
        String attributes = "; Expires=\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT; Max-Age=900; Path=/; SameSite=Lax";
        assertTrue(edited.header("Set-Cookie").matches(p.id() + "=[\\w-]+\\.[\\w-]+\\.[\\w-]+" + attributes));
        assertTrue(edited.header("X-Set-Cookie").matches("isso-" + p.id() + "=[\\w-]+\\.[\\w-]+\\.[\\w-]+" + attributes));
        Posted renewed = new Posted(p.id(), token(edited));
        var payload = tokens().verify(renewed.token(), 900, Instant.now().getEpochSecond()).orElseThrow();
        assertEquals(IssoCookies.sha1Hex("better **words**"), payload.get(1).textValue());

        Map<String, Object> row = TestSupport.row("select * from comments where id = ?", p.id());
        assertEquals("better **words**", row.get("text"));
        assertEquals("ann@example.com", row.get("email"), "email cannot change");
        assertEquals(2L, row.get("version"));
        assertNotNull(row.get("modified"));

        // The old cookie hashed the old text: it no longer proves ownership.
        owner(p).contentType(ContentType.JSON).body("{\"text\": \"sneaky edit\"}").put("/id/" + p.id())
                .then().statusCode(403);
        // Fields not sent stay; null clears.
        owner(renewed).contentType(ContentType.JSON).body("{\"text\": \"third words\"}").put("/id/" + p.id()).then().statusCode(200)
                .body("author", equalTo("&lt;Ann&gt;"));
        assertEquals("third words", TestSupport.row("select text from comments where id = ?", p.id()).get("text"));
    }

    @Test
    void badEditsAreRejected() throws Exception {
        Posted p = post(TestSupport.uniqueUri(), "{\"text\": \"original text\"}");
        String path = "/id/" + p.id();
        given().contentType(ContentType.JSON).body("{\"text\": \"no cookie\"}").put(path).then().statusCode(403);
        owner(p).contentType("text/plain").body("{\"text\": \"csrf\"}").put(path).then().statusCode(403)
                .body(containsString("CSRF"));
        owner(p).contentType(ContentType.JSON).body("{\"author\": \"x\"}").put(path).then().statusCode(400)
                .body(containsString("text is missing"));
        owner(p).contentType(ContentType.JSON).body("{\"text\": \"ab\"}").put(path).then().statusCode(400)
                .body(containsString("text is too short"));
        owner(p).contentType(ContentType.JSON).body("{\"text\": \"long enough\", \"author\": 5}").put(path).then()
                .statusCode(400).body(containsString("author must be a string or null"));
        owner(p).contentType(ContentType.JSON).body("{\"text\": \"long enough\", \"website\": \"spam\"}").put(path)
                .then().statusCode(400).body(containsString("Website not Django-conform"));
        owner(p).contentType(ContentType.JSON).body("{not json").put(path).then().statusCode(400);
        owner(p).contentType(ContentType.JSON).body("[\"text\"]").put(path).then().statusCode(400);
        owner(p).contentType(ContentType.JSON).put(path).then().statusCode(400);
        assertEquals("original text", TestSupport.row("select text from comments where id = ?", p.id()).get("text"));
        assertEquals(1L, TestSupport.row("select version from comments where id = ?", p.id()).get("version"));

        // A valid token for a comment that does not exist: 404 (Isso crashes with 500).
        long missing = 987654321L;
        String token = tokens().sign(List.of(missing, IssoCookies.sha1Hex("whatever")), Instant.now().getEpochSecond());
        given().cookie(Long.toString(missing), token).contentType(ContentType.JSON).body("{\"text\": \"hello there\"}")
                .put("/id/" + missing).then().statusCode(404);
        given().cookie(Long.toString(missing), token).delete("/id/" + missing).then().statusCode(404);
        given().delete("/id/" + p.id()).then().statusCode(403);
        owner(p).contentType("application/x-www-form-urlencoded").delete("/id/" + p.id()).then().statusCode(403);
    }

    @Test
    void deleteKeepsAPlaceholderWhileRepliesExistAndCleansUpAfterwardsWithEvents() throws Exception {
        String uri = TestSupport.uniqueUri();
        String key = "remark|" + uri;
        try (KafkaConsumer<String, String> consumer = TestSupport.commentEventsConsumer()) {
            Posted top = post(uri, "{\"text\": \"top comment\", \"author\": \"Ann\", \"website\": \"ann.example\"}");
            Posted reply = post(uri, "{\"text\": \"a reply\", \"parent\": " + top.id() + "}");
            Posted lone = post(uri, "{\"text\": \"lonely one\"}");
            Response edit = owner(top).contentType(ContentType.JSON).body("{\"text\": \"top comment, edited\"}").put("/id/" + top.id())
                    .then().statusCode(200).extract().response();
            Posted topNow = new Posted(top.id(), token(edit));

            // With a reply: soft delete to a mode-4 placeholder with empty raw text.
            Response soft = owner(topNow).delete("/id/" + top.id()).then().statusCode(200)
                    .contentType(ContentType.JSON)
                    .body("id", equalTo((int) top.id()))
                    .body("mode", equalTo(4))
                    .body("text", equalTo(""))
                    .body("author", nullValue())
                    .body("website", nullValue())
                    .extract().response();
            assertEquals(top.id() + "=" + ATTRIBUTES, soft.header("Set-Cookie"));
            assertEquals("isso-" + top.id() + "=" + ATTRIBUTES, soft.header("X-Set-Cookie"));
            given().queryParam("uri", uri).get("/").then().statusCode(200)
                    .body("total_replies", equalTo(3))
                    .body("replies[0].mode", equalTo(4))
                    .body("replies[0].text", equalTo("<p></p>"))
                    .body("replies[0].replies[0].id", equalTo((int) reply.id()));

            // Without replies: gone, body null.
            owner(lone).delete("/id/" + lone.id()).then().statusCode(200).body(equalTo("null"));
            assertNull(TestSupport.row("select id from comments where id = ?", lone.id()));

            // Deleting the last reply also removes the placeholder, then the empty thread.
            owner(reply).delete("/id/" + reply.id()).then().statusCode(200).body(equalTo("null"));
            assertNull(TestSupport.row("select id from comments where id = ?", top.id()));
            assertNull(TestSupport.row("select id from posts where site = 'remark' and uri = ?", uri));
            given().queryParam("uri", uri).get("/").then().statusCode(200).body("total_replies", equalTo(0));

            // 3 posted, 1 edited, deleted: placeholder, lone, reply, placeholder removed.
            List<ConsumerRecord<String, String>> records = TestSupport.recordsWithKey(consumer, key, 8,
                    Duration.ofSeconds(30), Duration.ofSeconds(1));
            assertEquals(8, records.size());
            List<String> types = records.stream().map(r -> TestSupport.header(r, "ce_type")).toList();
            assertEquals(List.of(CommentEventTypes.POSTED, CommentEventTypes.POSTED, CommentEventTypes.POSTED,
                    CommentEventTypes.EDITED, CommentEventTypes.DELETED, CommentEventTypes.DELETED,
                    CommentEventTypes.DELETED, CommentEventTypes.DELETED), types);
            assertEquals(8, records.stream().map(r -> TestSupport.header(r, "ce_id")).distinct().count());

            CommentEdited edited = json.readValue(records.get(3).value(), CommentEdited.class);
            assertEquals(top.id(), edited.comment().id());
            assertEquals(2, edited.comment().version());
            assertEquals("top comment, edited", edited.comment().text());
            assertEquals("<p>top comment, edited</p>", edited.comment().html());
            assertNotNull(edited.comment().modified());
            assertEquals(CommentState.PUBLISHED, edited.comment().state());

            CommentDeleted placeholder = json.readValue(records.get(4).value(), CommentDeleted.class);
            assertEquals(top.id(), placeholder.comment().id());
            assertEquals(CommentState.DELETED_PLACEHOLDER, placeholder.comment().state());
            assertEquals(3, placeholder.comment().version());
            assertEquals(uri, placeholder.postUrl());
            CommentDeleted loneGone = json.readValue(records.get(5).value(), CommentDeleted.class);
            assertEquals(lone.id(), loneGone.comment().id());
            assertEquals(CommentState.DELETED, loneGone.comment().state());
            assertEquals(2, loneGone.comment().version());
            CommentDeleted replyGone = json.readValue(records.get(6).value(), CommentDeleted.class);
            assertEquals(reply.id(), replyGone.comment().id());
            assertEquals(CommentState.DELETED, replyGone.comment().state());
            CommentDeleted placeholderGone = json.readValue(records.get(7).value(), CommentDeleted.class);
            assertEquals(top.id(), placeholderGone.comment().id());
            assertEquals(CommentState.DELETED, placeholderGone.comment().state());
            assertEquals(4, placeholderGone.comment().version());
            assertNotEquals(placeholder.comment().version(), placeholderGone.comment().version());
        }
    }
}
