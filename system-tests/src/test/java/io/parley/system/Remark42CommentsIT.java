package io.parley.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.stack.LocalStack;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Remark42 comment API through the gateway on the same comments as Isso: sessions from auth-service's anonymous
 * login ({@link Logins}), comments posted through one dialect found through the other, Remark42's error codes. Every visitor comes
 * from a network of its own, so Remark42's per-client rate limits never interfere.
 */
class Remark42CommentsIT extends GatewayTest {

    /** A signed-in visitor: their own address and an anonymous session from auth-service. */
    private record Visitor(String address, Logins.Session session) {
        String userId() {
            return session.userId();
        }
    }

    private Visitor login(LocalStack stack, String name) {
        String address = Isso.freshVisitor();
        return new Visitor(address, new Logins(stack).anonymousFrom(address, name, "remark"));
    }

    /**
     * A request with the visitor's session from a fresh address each time: Remark42 allows one write per 2 s per
     * client address and path, which a test sending one request after another would exceed.
     */
    private RequestSpecification as(Visitor visitor) {
        return visitor.session().byHeader(given().baseUri(gatewayUrl).header("X-Forwarded-For", Isso.freshVisitor())
                .queryParam("site", "remark"));
    }

    /** The same from the visitor's own address, for the rate limit. */
    private RequestSpecification asFromHome(Visitor visitor) {
        return visitor.session().byHeader(given().baseUri(gatewayUrl).header("X-Forwarded-For", visitor.address())
                .queryParam("site", "remark"));
    }

    private Response post(Visitor visitor, String url, String text, String pid) {
        Map<String, Object> body = pid == null
                ? Map.of("text", text, "locator", Map.of("site", "remark", "url", url))
                : Map.of("text", text, "pid", pid, "locator", Map.of("site", "remark", "url", url));
        return as(visitor).contentType(ContentType.JSON).body(body).when().post("/api/v1/comment");
    }

    private JsonPath find(String url, String format) {
        return given().baseUri(gatewayUrl).header("X-Forwarded-For", Isso.freshVisitor())
                .queryParam("site", "remark").queryParam("url", url).queryParam("format", format)
                .when().get("/api/v1/find").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void issoCommentsAreFoundThroughRemark42AndTheOtherWayRound(LocalStack stack) {
        String url = Isso.freshUri("remark42");
        Response isso = this.isso.post(url, Map.of("text", "Posted through *Isso*", "author", "Ivy"));
        isso.then().statusCode(201);
        String issoId = Long.toString(isso.jsonPath().getLong("id"));

        JsonPath tree = find(url, "tree");
        assertEquals(List.of(issoId), tree.getList("comments.comment.id"));
        assertEquals("<p>Posted through <em>Isso</em></p>", tree.getString("comments[0].comment.text"));
        assertEquals("Ivy", tree.getString("comments[0].comment.user.name"));
        assertTrue(tree.getString("comments[0].comment.user.id").startsWith("anonymous_"));
        assertEquals(url, tree.getString("comments[0].comment.locator.url"));

        Visitor ann = login(stack, "Ann");
        Response reply = post(ann, url, "A Remark42 reply with a [link](https://example.com)", issoId);
        reply.then().statusCode(201).body("pid", equalTo(issoId)).body("user.id", equalTo(ann.userId()))
                .body("text", containsString("rel=\"nofollow\""));
        String replyId = reply.jsonPath().getString("id");
        Visitor bob = login(stack, "Bob");
        String deep = post(bob, url, "deeper", replyId).then().statusCode(201).extract().jsonPath().getString("id");

        tree = find(url, "tree");
        assertEquals(replyId, tree.getString("comments[0].replies[0].comment.id"));
        assertEquals(deep, tree.getString("comments[0].replies[0].replies[0].comment.id"));
        // Isso's two levels: both replies under the Isso comment, oldest first.
        JsonPath thread = given().baseUri(gatewayUrl).queryParam("uri", url).when().get("/").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(Long.valueOf(replyId), Long.valueOf(deep)),
                thread.getList("replies[0].replies.id", Long.class));
        assertEquals("Ann", thread.getString("replies[0].replies[0].author"));

        // Counts follow through the comment events (feed-service).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(gatewayUrl)
                .queryParam("site", "remark").queryParam("url", url).when().get("/api/v1/count").then()
                .statusCode(200).body("count", equalTo(3)));
    }

    @Test
    void writeRulesAndErrorCodes(LocalStack stack) {
        String url = Isso.freshUri("remark42-rules");
        Visitor ann = login(stack, "Ann");
        Visitor bob = login(stack, "Bob");
        String id = post(ann, url, "first version", null).then().statusCode(201).extract().jsonPath().getString("id");

        // Remark42's UPDATE_LIMIT at the gateway: a second write to the same path within 2 s from one address.
        asFromHome(bob).contentType(ContentType.JSON).body(Map.of("text", "first of two"))
                .when().post("/api/v1/preview").then().statusCode(200);
        asFromHome(bob).contentType(ContentType.JSON).body(Map.of("text", "second of two"))
                .when().post("/api/v1/preview").then().statusCode(429).contentType(containsString("text/plain"))
                .body(equalTo("You have reached maximum request limit."));

        given().baseUri(gatewayUrl).header("X-Forwarded-For", Isso.freshVisitor()).queryParam("site", "remark")
                .contentType(ContentType.JSON).body(Map.of("text", "no session")).when().post("/api/v1/comment")
                .then().statusCode(401).body(startsWith("Unauthorized"));
        post(bob, url, " ", null).then().statusCode(400).body("code", equalTo(4));
        post(bob, url, "[bad](javascript:alert(1))", null).then().statusCode(400).body("code", equalTo(4));
        as(bob).contentType(ContentType.JSON).body("{broken").when().post("/api/v1/comment").then().statusCode(400)
                .body("code", equalTo(2));

        as(bob).contentType(ContentType.JSON).body(Map.of("text", "mine now")).when().put("/api/v1/comment/" + id)
                .then().statusCode(403).body("code", equalTo(3));
        as(ann).contentType(ContentType.JSON).body(Map.of("text", "second *version*", "summary", "better"))
                .when().put("/api/v1/comment/" + id).then().statusCode(200)
                .body("text", equalTo("<p>second <em>version</em></p>")).body("edit.summary", equalTo("better"));
        as(ann).contentType(ContentType.JSON).body(Map.of("text", "x")).when().put("/api/v1/comment/98765432101")
                .then().statusCode(400).body("code", equalTo(1));

        as(ann).contentType(ContentType.JSON).body(Map.of("text", "**preview**")).when().post("/api/v1/preview")
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(equalTo("<p><strong>preview</strong></p>"));

        String parent = post(bob, url, "a question", null).then().statusCode(201).extract().jsonPath().getString("id");
        post(ann, url, "an answer", parent).then().statusCode(201);
        as(bob).contentType(ContentType.JSON).body(Map.of("delete", true)).when().put("/api/v1/comment/" + parent)
                .then().statusCode(400).body("code", equalTo(11));

        // The author deletes their comment: gone from Remark42 and from Isso.
        as(ann).contentType(ContentType.JSON).body(Map.of("delete", true)).when().put("/api/v1/comment/" + id)
                .then().statusCode(200).body("delete", equalTo(true));
        assertTrue(!find(url, "plain").getList("comments.id").contains(id));

        given().baseUri(gatewayUrl).header("X-Forwarded-For", Isso.freshVisitor()).queryParam("url", url)
                .queryParam("limit", "many").when().get("/api/v1/find").then().statusCode(400)
                .body("code", equalTo(1));
        given().baseUri(gatewayUrl).header("X-Forwarded-For", Isso.freshVisitor())
                .when().get("/api/v1/id/" + parent).then().statusCode(400).body("code", equalTo(1));
        given().baseUri(gatewayUrl).header("X-Forwarded-For", Isso.freshVisitor()).queryParam("url", url)
                .when().get("/api/v1/id/" + parent).then().statusCode(200).body("id", equalTo(parent));
        given().baseUri(gatewayUrl).header("X-Forwarded-For", Isso.freshVisitor()).queryParam("user", bob.userId())
                .when().get("/api/v1/comments").then().statusCode(200).body("comments[0].id", equalTo(parent));
        given().baseUri(gatewayUrl).header("X-Forwarded-For", Isso.freshVisitor()).queryParam("site", "remark")
                .when().get("/api/v1/config").then().statusCode(200).body("edit_duration", equalTo(300));
    }
}
