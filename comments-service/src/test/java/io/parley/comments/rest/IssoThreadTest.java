package io.parley.comments.rest;

import io.parley.comments.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /?uri=} on one shared thread: top-level a, b, c (oldest first), replies a1, a2, a3 to a and c1 to c,
 * one pending comment and one placeholder (mode 4) with a reply.
 */
@QuarkusTest
class IssoThreadTest {

    static String uri;
    static long a, b, c, a1, a2, a3, c1, pending, deleted, d1;

    static long post(String text, Long parent) {
        String body = "{\"text\": \"" + text + "\", \"author\": \"Ann\", \"email\": \"ann@example.com\""
                + (parent == null ? "" : ", \"parent\": " + parent) + "}";
        return IssoNewCommentTest.post(uri, body).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    // Not @BeforeAll: a static one runs before Quarkus serves requests.
    @BeforeEach
    void thread() throws Exception {
        if (uri != null) {
            return;
        }
        uri = TestSupport.uniqueUri();
        a = post("first *top*", null);
        b = post("second top", null);
        c = post("third top", null);
        a1 = post("reply one", a);
        a2 = post("reply two", a);
        a3 = post("reply three", a);
        c1 = post("reply to c", c);
        pending = post("waits for approval", null);
        TestSupport.execute("update comments set state = 'PENDING' where id = ?", pending);
        deleted = post("gone soon", null);
        d1 = post("keeps it alive", deleted);
        TestSupport.execute("update comments set state = 'DELETED_PLACEHOLDER', text = '', html = '<p></p>', "
                + "author = null, website = null where id = ?", deleted);
        // Distinct, increasing creation times so ordering by time is deterministic.
        long[] order = {a, b, c, a1, a2, a3, c1, pending, deleted, d1};
        for (int i = 0; i < order.length; i++) {
            TestSupport.execute("update comments set created = timestamp with time zone '2026-01-01 00:00:00+00' "
                    + "+ make_interval(secs => ?) where id = ?", (double) i * 10 + 0.25, order[i]);
        }
        // Score (likes - dislikes): b = 3, c = 3, a = 1, placeholder 0.
        TestSupport.execute("update comments set likes = 4, dislikes = 1 where id = ?", b);
        TestSupport.execute("update comments set likes = 3 where id = ?", c);
        TestSupport.execute("update comments set likes = 2, dislikes = 1 where id = ?", a);
    }

    static JsonPath fetch(Object... params) {
        var request = given().queryParam("uri", uri);
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam((String) params[i], params[i + 1]);
        }
        return request.get("/").then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
    }

    static List<Long> ids(JsonPath json, String path) {
        return json.getList(path + ".id", Long.class);
    }

    @Test
    void defaultListingHasIssoShapeCountsAndOldestFirst() {
        JsonPath json = fetch();
        assertEquals(Set.of("id", "total_replies", "hidden_replies", "replies", "config"), json.getMap("$").keySet());
        assertEquals((Object) null, json.get("id"));
        // All visible comments (top-level and replies, placeholder included, pending not).
        assertEquals(9, json.getInt("total_replies"));
        assertEquals(0, json.getInt("hidden_replies"));
        assertEquals(List.of(a, b, c, deleted), ids(json, "replies"));
        Map<String, Object> first = json.getMap("replies[0]");
        assertEquals(Set.of("id", "parent", "text", "author", "website", "mode", "created", "modified", "likes",
                "dislikes", "notification", "hash", "total_replies", "hidden_replies", "replies"), first.keySet());
        assertEquals("<p>first <em>top</em></p>", first.get("text"));
        assertEquals("Ann", first.get("author"));
        assertEquals(1, first.get("mode"));
        assertEquals(((Map<?, ?>) json.getMap("replies[1]")).get("hash"), first.get("hash"), "same email, same hash");
        assertTrue(((String) first.get("hash")).matches("[0-9a-f]{12}"));
        assertEquals(3, first.get("total_replies"));
        assertEquals(0, first.get("hidden_replies"));
        assertEquals(List.of(a1, a2, a3), ids(json, "replies[0].replies"));
        Map<String, Object> reply = json.getMap("replies[0].replies[0]");
        assertEquals(Set.of("id", "parent", "text", "author", "website", "mode", "created", "modified", "likes",
                "dislikes", "notification", "hash"), reply.keySet());
        assertEquals(((Number) reply.get("parent")).longValue(), a);
        assertEquals(0, json.getInt("replies[1].total_replies"));
        assertEquals(List.of(), json.getList("replies[1].replies"));
        // The placeholder: mode 4, emptied, still listed with its reply.
        assertEquals(4, json.getInt("replies[3].mode"));
        assertEquals("<p></p>", json.getString("replies[3].text"));
        assertEquals((Object) null, json.get("replies[3].author"));
        assertEquals(List.of(d1), ids(json, "replies[3].replies"));
        assertEquals(json.getMap("config"), given().get("/config").then().statusCode(200).extract().jsonPath()
                .getMap("config"));
        assertFalse(ids(json, "replies").contains(pending));
    }

    @Test
    void sortOrders() {
        assertEquals(List.of(deleted, c, b, a), ids(fetch("sort", "newest"), "replies"));
        // likes - dislikes descending, ties by id ascending.
        assertEquals(List.of(b, c, a, deleted), ids(fetch("sort", "upvotes"), "replies"));
        assertEquals(List.of(a, b, c, deleted), ids(fetch("sort", "oldest"), "replies"));
        // Replies stay oldest first whatever the sort.
        assertEquals(List.of(a1, a2, a3), ids(fetch("sort", "newest"), "replies[3].replies"));
    }

    @Test
    void limitAndOffset() {
        JsonPath json = fetch("limit", 2);
        assertEquals(List.of(a, b), ids(json, "replies"));
        assertEquals(2, json.getInt("hidden_replies"));
        json = fetch("limit", 2, "offset", 1);
        assertEquals(List.of(b, c), ids(json, "replies"));
        assertEquals(1, json.getInt("hidden_replies"));
        // Without nested_limit the replies reuse limit and offset [Isso quirk].
        json = fetch("limit", 1, "offset", 0);
        assertEquals(List.of(a1), ids(json, "replies[0].replies"));
        assertEquals(2, json.getInt("replies[0].hidden_replies"));
        json = fetch("limit", 2, "offset", 0);
        assertEquals(List.of(a1, a2), ids(json, "replies[0].replies"));
        assertEquals(1, json.getInt("replies[0].hidden_replies"));
        json = fetch("limit", 0);
        assertEquals(List.of(), json.getList("replies"));
        assertEquals(4, json.getInt("hidden_replies"));
        json = fetch("limit", -1, "offset", 3);
        assertEquals(List.of(deleted), ids(json, "replies"));
        // Offset without limit is ignored but still subtracted from hidden_replies [Isso quirk].
        json = fetch("offset", 2);
        assertEquals(4, json.getList("replies").size());
        assertEquals(-2, json.getInt("hidden_replies"));
        assertEquals(List.of(), fetch("limit", 2, "offset", 10).getList("replies"));
        assertEquals(List.of(a, b, c, deleted), ids(fetch("limit", "99999999999999999999"), "replies"));
    }

    @Test
    void nestedLimit() {
        JsonPath json = fetch("nested_limit", 2);
        assertEquals(List.of(a1, a2), ids(json, "replies[0].replies"));
        assertEquals(1, json.getInt("replies[0].hidden_replies"));
        assertEquals(3, json.getInt("replies[0].total_replies"));
        json = fetch("nested_limit", 0);
        assertEquals(List.of(), json.getList("replies[0].replies"));
        assertEquals(3, json.getInt("replies[0].hidden_replies"));
        assertEquals(List.of(), fetch("nested_limit", -3).getList("replies[0].replies"));
        // nested_limit starts from the first reply even with an offset.
        assertEquals(List.of(a1), ids(fetch("limit", 1, "nested_limit", 1, "offset", 0), "replies[0].replies"));
        assertEquals(List.of(c1), ids(fetch("limit", 1, "offset", 2, "nested_limit", 5), "replies[0].replies"));
    }

    @Test
    void parentListsTheRepliesOfOneComment() {
        JsonPath json = fetch("parent", a);
        assertEquals(a, json.getLong("id"));
        assertEquals(3, json.getInt("total_replies"));
        assertEquals(List.of(a1, a2, a3), ids(json, "replies"));
        assertFalse(json.getMap("replies[0]").containsKey("replies"));
        json = fetch("parent", a, "limit", 1, "offset", 1, "sort", "newest");
        assertEquals(List.of(a2), ids(json, "replies"));
        assertEquals(1, json.getInt("hidden_replies"));
        json = fetch("parent", b);
        assertEquals(0, json.getInt("total_replies"));
        assertEquals(List.of(), json.getList("replies"));
        assertEquals(0, fetch("parent", 999999999).getInt("total_replies"));
    }

    @Test
    void afterListsOnlyNewerCommentsButCountsIgnoreIt() {
        // a1 was created at +30.25 s, a2 at +40.25 s.
        String a1Created = "1767225630.25";
        assertTrue(given().queryParam("uri", uri).queryParam("parent", a).get("/").asString()
                .contains("\"created\":" + a1Created + ","));
        JsonPath json = fetch("parent", a, "after", a1Created);
        assertEquals(List.of(a2, a3), ids(json, "replies"));
        assertEquals(3, json.getInt("total_replies"));
        assertEquals(1, json.getInt("hidden_replies"));
        json = fetch("after", a1Created);
        assertEquals(List.of(deleted), ids(json, "replies"));
        assertEquals(9, json.getInt("total_replies"));
        assertEquals(List.of(a, b, c, deleted), ids(fetch("after", "-1e3"), "replies"));
    }

    @Test
    void plainGivesTheRawMarkdown() {
        assertEquals("first *top*", fetch("plain", 1).getString("replies[0].text"));
        assertEquals("first *top*", fetch("plain", "yes").getString("replies[0].text"));
        assertEquals("<p>first <em>top</em></p>", fetch("plain", 0).getString("replies[0].text"));
    }

    @Test
    void unknownThreadIsAnEmptyListing() {
        given().queryParam("uri", "/never/commented/").queryParam("id", 5).get("/").then().statusCode(200)
                .body("id", nullValue())
                .body("total_replies", equalTo(0))
                .body("hidden_replies", equalTo(0))
                .body("replies", empty())
                .body("config.feed", equalTo(false));
        given().queryParam("uri", "/nul\0byte").get("/").then().statusCode(200).body("replies", empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sort|best|Invalid sort option",
            "sort|''|Invalid sort option",
            "limit|ten|limit should be integer",
            "limit|1.5|limit should be integer",
            "limit|''|limit should be integer",
            "offset|x|offset should be integer",
            "offset|-1|offset should not be negative",
            "parent|null|parent should be integer",
            "nested_limit|many|nested_limit should be integer",
            "after|yesterday|after should be a number",
            "after|NaN|after should be a number",
    })
    void badParametersAre400(String name, String value, String message) {
        given().queryParam("uri", uri).queryParam(name, value).get("/").then().statusCode(400)
                .body(containsString(message));
    }

    @Test
    void missingUriIs400AndPythonIntegersAreAccepted() {
        given().get("/").then().statusCode(400).body(containsString("missing uri query"));
        assertEquals(List.of(a, b), ids(fetch("limit", " +2 "), "replies"));
        assertEquals(List.of(a, b), ids(fetch("limit", "0_2"), "replies"));
        assertTrue(fetch("limit", "-99999999999999999999").getList("replies").size() == 4);
    }
}
