package io.parley.comments.rest;

import io.parley.comments.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Remark42 reads over comments written through Isso, some of them then given Remark42 authors and nesting in the
 * database: root a (Isso author), b (Remark42 user, pinned, edited), a1 → a, a11 → a1 (Remark42 depth 3).
 */
@QuarkusTest
class RemarkFindTest {

    static String uri;
    static long a, b, a1, a11;

    static long issoPost(String text, Long parent) {
        String body = "{\"text\": \"" + text + "\", \"author\": \"Ann <b>\", \"email\": \"ann@example.com\""
                + (parent == null ? "" : ", \"parent\": " + parent) + "}";
        return IssoNewCommentTest.post(uri, body).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @BeforeEach
    void post() throws Exception {
        if (uri != null) {
            return;
        }
        uri = TestSupport.uniqueUri();
        a = issoPost("first *top*", null);
        b = issoPost("second", null);
        a1 = issoPost("reply", a);
        a11 = issoPost("deep reply", a1);
        TestSupport.execute("update comments set user_id = 'github_1', user_picture = 'https://x/p.png', "
                + "author = 'Bob', pinned = true, likes = 3, dislikes = 1, edit_summary = 'typo' where id = ?", b);
        TestSupport.execute("update comments set reply_to = ? where id = ?", a1, a11);
        TestSupport.execute("update comments set user_id = 'github_1', author = 'Bob' where id = ?", a11);
        long[] order = {a, b, a1, a11};
        for (int i = 0; i < order.length; i++) {
            TestSupport.execute("update comments set created = timestamp with time zone '2026-01-01 00:00:00+00' "
                    + "+ make_interval(mins => ?) where id = ?", i, order[i]);
        }
        TestSupport.execute("update comments set modified = created + interval '1 minute' where id = ?", b);
        TestSupport.execute("insert into user_states (site, user_id, verified, version) values ('remark', 'github_1', "
                + "true, 1) on conflict do nothing");
    }

    static JsonPath find(Object... params) {
        var request = given().queryParam("site", "remark").queryParam("url", uri);
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam((String) params[i], params[i + 1]);
        }
        return request.get("/api/v1/find").then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
    }

    @Test
    void treeNestsRepliesAtAnyDepthAndShowsRemark42Comments() {
        JsonPath tree = find("format", "tree", "sort", "-time");
        assertEquals(List.of(Long.toString(b), Long.toString(a)), tree.getList("comments.comment.id"));
        Map<String, Object> top = tree.getMap("comments[1].comment");
        assertEquals("", top.get("pid"));
        assertEquals("<p>first <em>top</em></p>", top.get("text"));
        assertEquals("first *top*", top.get("orig"));
        assertEquals(Map.of("site", "remark", "url", uri), top.get("locator"));
        assertEquals("2026-01-01T00:00:00Z", top.get("time"));
        assertEquals(0, top.get("score"));
        assertEquals(0, top.get("vote"));
        assertFalse(top.containsKey("delete") || top.containsKey("pin") || top.containsKey("edit")
                || top.containsKey("controversy") || top.containsKey("votes") || top.containsKey("voted_ips"));
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) top.get("user");
        assertEquals("Ann &lt;b&gt;", user.get("name"));
        assertTrue(((String) user.get("id")).startsWith("anonymous_"));
        assertEquals("", user.get("picture"));
        assertEquals(false, user.get("admin"));
        assertFalse(user.containsKey("ip") || user.containsKey("email"));
        assertEquals(Long.toString(a1), tree.getString("comments[1].replies[0].comment.id"));
        assertEquals(Long.toString(a11), tree.getString("comments[1].replies[0].replies[0].comment.id"));
        assertEquals(Long.toString(a1), tree.getString("comments[1].replies[0].replies[0].comment.pid"));
        assertEquals(true, tree.getBoolean("comments[1].replies[0].replies[0].comment.user.verified"));
        Map<String, Object> pinned = tree.getMap("comments[0].comment");
        assertEquals(true, pinned.get("pin"));
        assertEquals(2, pinned.get("score"));
        assertEquals(Math.pow(4, 1.0 / 3), ((Number) pinned.get("controversy")).doubleValue(), 1e-6);
        assertEquals(Map.of("time", "2026-01-01T00:02:00Z", "summary", "typo"), pinned.get("edit"));
        assertEquals("https://x/p.png", tree.getString("comments[0].comment.user.picture"));
        assertFalse(tree.getMap("comments[0]").containsKey("replies"));
        assertEquals(4, tree.getInt("info.count"));
        assertEquals(uri, tree.getString("info.url"));
        assertEquals("2026-01-01T00:00:00Z", tree.getString("info.first_time"));
        assertEquals("2026-01-01T00:03:00Z", tree.getString("info.last_time"));
    }

    @Test
    void plainIsAFlatListAndPages() {
        JsonPath plain = find("limit", "2", "offset_id", Long.toString(a));
        assertEquals(List.of(Long.toString(b), Long.toString(a1)), plain.getList("comments.id"));
        assertEquals(1, plain.getInt("info.count_left"));
        assertEquals(Long.toString(a1), plain.getString("info.last_comment"));
    }

    @Test
    void unknownPostIsEmptyWithZeroTimes() {
        JsonPath empty = given().queryParam("site", "remark").queryParam("url", "/nothing/" + uri)
                .get("/api/v1/find?format=tree").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(), empty.getList("comments"));
        assertEquals("0001-01-01T00:00:00Z", empty.getString("info.first_time"));
        assertEquals(0, empty.getInt("info.count"));
    }

    @Test
    void readOnlyPostIsFlagged() throws Exception {
        String other = TestSupport.uniqueUri();
        IssoNewCommentTest.post(other, "{\"text\": \"long enough\"}").then().statusCode(201);
        TestSupport.execute("update posts set read_only = true where uri = ?", other);
        given().queryParam("url", other).get("/api/v1/find").then().statusCode(200)
                .body("info.read_only", equalTo(true));
        given().queryParam("url", uri).get("/api/v1/find").then().statusCode(200)
                .body("info", not(hasKey("read_only")));
    }

    @Test
    void badParametersAnswerRemark42Errors() {
        given().queryParam("url", uri).queryParam("limit", "x").get("/api/v1/find").then().statusCode(400)
                .contentType(ContentType.JSON).body("code", equalTo(1));
        given().queryParam("url", uri).queryParam("offset_id", "not-an-id").get("/api/v1/find").then()
                .statusCode(400).body("code", equalTo(1));
        given().queryParam("url", uri).queryParam("since", "yesterday").get("/api/v1/find").then()
                .statusCode(400).body("code", equalTo(2));
        given().queryParam("url", uri).get("/api/v1/id/abc").then().statusCode(400).body("code", equalTo(1));
        given().get("/api/v1/id/" + a).then().statusCode(400).body("code", equalTo(1));
        given().queryParam("url", "/elsewhere").get("/api/v1/id/" + a).then().statusCode(400)
                .body("code", equalTo(1)).body("details", equalTo("can't get comment"));
    }

    @Test
    void oneComment() {
        given().queryParam("site", "remark").queryParam("url", uri).get("/api/v1/id/" + a11).then().statusCode(200)
                .body("id", equalTo(Long.toString(a11))).body("pid", equalTo(Long.toString(a1)))
                .body("user.id", equalTo("github_1")).body("text", equalTo("<p>deep reply</p>"));
    }

    @Test
    void userCommentsNewestFirstWithCount() {
        JsonPath found = given().queryParam("site", "remark").queryParam("user", "github_1").queryParam("limit", "1")
                .get("/api/v1/comments").then().statusCode(200).extract().jsonPath();
        assertTrue(found.getInt("count") >= 2);
        assertEquals(1, found.getList("comments").size());
        String anonymous = find().getString("comments.find { it.id == '" + a + "' }.user.id");
        JsonPath isso = given().queryParam("user", anonymous).get("/api/v1/comments").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(isso.getList("comments.id").contains(Long.toString(a)));
        given().queryParam("user", "nobody_" + uri).get("/api/v1/comments").then().statusCode(200)
                .body("comments.size()", equalTo(0)).body("count", equalTo(0));
    }

    @Test
    void configAnnouncesRemark42Settings() {
        given().queryParam("site", "remark").get("/api/v1/config").then().statusCode(200)
                .body("edit_duration", equalTo(300)).body("max_comment_size", equalTo(2048))
                .body("admins", equalTo(List.of())).body("low_score", equalTo(-5))
                .body("critical_score", equalTo(-10)).body("readonly_age", equalTo(0));
    }
}
