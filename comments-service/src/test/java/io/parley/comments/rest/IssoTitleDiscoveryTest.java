package io.parley.comments.rest;

import io.parley.comments.TestSupport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A new thread posted without a title gets the title its page gives (Isso spec section 10). */
@QuarkusTest
@QuarkusTestResource(value = TitlePageServer.class, restrictToAnnotatedClass = true)
class IssoTitleDiscoveryTest {

    private static String site() {
        return ConfigProvider.getConfig().getValue("parley.title-discovery.hosts", String.class);
    }

    private static Response post(String uri, String body) {
        return given().contentType(ContentType.JSON).header("X-Client-IP", "127.0.0.1")
                .header("Origin", site()).queryParam("uri", uri).body(body).post("/new");
    }

    private static String title(String uri) throws Exception {
        Map<String, Object> row = TestSupport.row("select title from posts where site = 'remark' and uri = ?", uri);
        return row == null ? "(no post)" : (String) row.get("title");
    }

    private static int hits() {
        return Integer.parseInt(given().baseUri(site()).get("/hits").asString());
    }

    private static String unique(String prefix) {
        return "/" + prefix + "/" + UUID.randomUUID() + "/";
    }

    @Test
    void titleFromDataTitleOrHeadingOrUntitled() throws Exception {
        String titled = unique("titled");
        post(titled, "{\"text\": \"first!\"}").then().statusCode(201);
        assertEquals("Titled page", title(titled));

        String heading = unique("heading");
        post(heading, "{\"text\": \"first!\"}").then().statusCode(201);
        assertEquals("Heading title", title(heading));

        String plain = unique("plain");
        post(plain, "{\"text\": \"first!\"}").then().statusCode(201);
        assertEquals("Untitled.", title(plain));
    }

    @Test
    void thePageMayRenameTheThread() throws Exception {
        String key = UUID.randomUUID().toString();
        post("/renamed/" + key + "/", "{\"text\": \"first!\"}").then().statusCode(201);
        assertEquals("(no post)", title("/renamed/" + key + "/"));
        assertEquals("Renamed", title("/target/" + key + "/"));
        given().queryParam("uri", "/target/" + key + "/").get("/").then().statusCode(200)
                .body("total_replies", equalTo(1));
    }

    @Test
    void anUnreadablePageIsA400AndLeavesNoThread() throws Exception {
        String missing = unique("missing");
        post(missing, "{\"text\": \"first!\"}").then().statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("Cannot create new thread: URI " + missing + " is not accessible and no title "
                        + "was provided."));
        assertEquals("(no post)", title(missing));
        // A thread key that is not a path of the site is never fetched elsewhere.
        post("//example.org/x", "{\"text\": \"first!\"}").then().statusCode(400);
        post("@example.org/x", "{\"text\": \"first!\"}").then().statusCode(400);
    }

    @Test
    void noFetchWhenATitleIsSentOrTheThreadExists() throws Exception {
        String uri = unique("titled");
        int before = hits();
        post(uri, "{\"text\": \"first!\", \"title\": \"Given\"}").then().statusCode(201);
        post(uri, "{\"text\": \"second\"}").then().statusCode(201);
        assertEquals(before, hits());
        assertEquals("Given", title(uri));
        // An empty title counts as none.
        String other = unique("heading");
        post(other, "{\"text\": \"first!\", \"title\": \"\"}").then().statusCode(201);
        assertEquals(before + 1, hits());
    }
}
