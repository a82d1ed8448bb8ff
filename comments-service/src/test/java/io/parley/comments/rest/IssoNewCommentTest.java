package io.parley.comments.rest;

import io.parley.comments.TestSupport;
import io.parley.comments.service.SignedTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class IssoNewCommentTest {

    static Response post(String uri, String body) {
        return given().contentType(ContentType.JSON).header("X-Client-IP", "127.0.0.1")
                .queryParam("uri", uri).body(body).post("/new");
    }

    @Test
    void createsACommentWithIssoFieldsAndCookies() throws Exception {
        String uri = TestSupport.uniqueUri();
        String text = "Hello *world*\nsecond line";
        Response response = post(uri, """
                {"text": "Hello *world*\\nsecond line", "author": "<b>Bob</b> & co", "email": "foo@example.com",
                 "website": "example.com/?a='x'", "title": "A post", "notification": 1, "unknown": true}""");
        response.then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("text", equalTo("<p>Hello <em>world</em><br />\nsecond line</p>"))
                .body("author", equalTo("&lt;b&gt;Bob&lt;/b&gt; &amp; co"))
                .body("website", equalTo("http://example.com/?a=&#x27;x&#x27;"))
                .body("mode", equalTo(1))
                .body("parent", nullValue())
                .body("modified", nullValue())
                .body("likes", equalTo(0))
                .body("dislikes", equalTo(0))
                .body("notification", equalTo(1))
                .body("hash", equalTo("34c4987094a4"))
                .body("$", not(org.hamcrest.Matchers.hasKey("email")))
                .body("$", not(org.hamcrest.Matchers.hasKey("remote_addr")))
                .body("$", not(org.hamcrest.Matchers.hasKey("unknown")));
        Map<String, Object> json = response.jsonPath().getMap("$");
        assertEquals(java.util.Set.of("id", "parent", "text", "author", "website", "mode", "created", "modified",
                "likes", "dislikes", "notification", "hash"), json.keySet());
        long id = response.jsonPath().getLong("id");

        // created: float seconds with microseconds, taken from the server clock.
        String raw = response.asString();
        assertTrue(raw.matches("(?s).*\"created\":\\d{10}\\.\\d{1,6}[,}].*"), raw);
        // Read from the raw body: JsonPath parses numbers as float, too coarse (128 s steps) for epoch seconds.
        java.util.regex.Matcher createdValue = java.util.regex.Pattern.compile("\"created\":([0-9.]+)").matcher(raw);
        assertTrue(createdValue.find(), raw);
        double created = Double.parseDouble(createdValue.group(1));
        assertTrue(Math.abs(created - Instant.now().getEpochSecond()) < 60, "created " + created);

        String cookie = response.header("Set-Cookie");
        String xCookie = response.header("X-Set-Cookie");
        String attributes = "; Expires=\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT; Max-Age=900; Path=/; SameSite=Lax";
        assertTrue(cookie.matches(id + "=[\\w-]+\\.[\\w-]+\\.[\\w-]+" + attributes), cookie);
        assertTrue(xCookie.matches("isso-" + id + "=[\\w-]+\\.[\\w-]+\\.[\\w-]+" + attributes), xCookie);
        String token = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));

        // The token is [id, sha1(raw text)] signed with the stored session key.
        String secret = (String) TestSupport.row("select value from preferences where key = ?", "session-key").get("value");
        var payload = new SignedTokens(secret).verify(token, 900, Instant.now().getEpochSecond()).orElseThrow();
        assertEquals(id, payload.get(0).longValue());
        assertEquals(IssoCookies.sha1Hex(text), payload.get(1).textValue());

        Map<String, Object> stored = TestSupport.row("select c.*, p.site, p.uri, p.title from comments c "
                + "join posts p on p.id = c.post_id where c.id = ?", id);
        assertEquals("remark", stored.get("site"));
        assertEquals(uri, stored.get("uri"));
        assertEquals("A post", stored.get("title"));
        assertEquals("127.0.0.0", stored.get("client_network"));
        assertEquals(text, stored.get("text"));
        assertEquals("PUBLISHED", stored.get("state"));
        assertEquals(1L, ((Number) stored.get("version")).longValue());
    }

    @Test
    void withoutEmailTheHashComesFromTheClientNetworkAndOmittedFieldsAreNull() {
        post(TestSupport.uniqueUri(), "{\"text\": \"anonymous words\"}").then().statusCode(201)
                .body("hash", equalTo("4505c1eeda98"))
                .body("author", nullValue())
                .body("website", nullValue())
                .body("notification", nullValue());
    }

    @Test
    void threadWithoutTitleIsCreatedWithNullTitle() throws Exception {
        long id = post(TestSupport.uniqueUri(), "{\"text\": \"no title here\"}").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Map<String, Object> stored = TestSupport.row(
                "select p.title from comments c join posts p on p.id = c.post_id where c.id = ?", id);
        assertTrue(stored.containsKey("title"));
        assertEquals(null, stored.get("title"));
    }

    @Test
    void repliesAreAttachedToTheTopLevelCommentOfTheSameThread() {
        String uri = TestSupport.uniqueUri();
        long top = post(uri, "{\"text\": \"top level\"}").then().statusCode(201).extract().jsonPath().getLong("id");
        long reply = post(uri, "{\"text\": \"a reply\", \"parent\": " + top + "}").then().statusCode(201)
                .body("parent", equalTo((int) top)).extract().jsonPath().getLong("id");
        post(uri, "{\"text\": \"reply to reply\", \"parent\": " + reply + "}").then().statusCode(201)
                .body("parent", equalTo((int) top));
        post(TestSupport.uniqueUri(), "{\"text\": \"other thread\", \"parent\": " + top + "}").then().statusCode(201)
                .body("parent", nullValue());
        post(uri, "{\"text\": \"unknown parent\", \"parent\": 999999999999}").then().statusCode(201)
                .body("parent", nullValue());
        post(uri, "{\"text\": \"zero parent\", \"parent\": 0}").then().statusCode(201).body("parent", nullValue());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|text is missing",
            "{\"text\": null}|text is missing",
            "{\"text\": \"hello\", \"parent\": \"1\"}|parent must be an integer or null",
            "{\"text\": \"hello\", \"parent\": 1.5}|parent must be an integer or null",
            "{\"text\": 42}|text must be a string or null",
            "{\"text\": \"hello\", \"author\": 1}|author must be a string or null",
            "{\"text\": \"hello\", \"website\": []}|website must be a string or null",
            "{\"text\": \"hello\", \"email\": {}}|email must be a string or null",
            "{\"text\": \"ab   \"}|text is too short (minimum length: 3)",
            "{\"text\": \"hello\", \"website\": \"ftp://example.com\"}|Website not Django-conform",
            "{\"text\": \"hello\", \"website\": \"spam\"}|Website not Django-conform",
    })
    void validationErrorsAreIssoHtmlPages(String body, String message) {
        post(TestSupport.uniqueUri(), body).then().statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("<title>400 Bad Request</title>"))
                .body(containsString("<p>" + message + "</p>"));
    }

    @Test
    void lengthLimits() {
        String longText = "x".repeat(65536);
        post(TestSupport.uniqueUri(), "{\"text\": \"" + longText + "\"}").then().statusCode(400)
                .body(containsString("text is too long (maximum length: 65535)"));
        post(TestSupport.uniqueUri(), "{\"text\": \"" + "😀".repeat(40000) + "\"}").then().statusCode(201);
        post(TestSupport.uniqueUri(), "{\"text\": \"hello\", \"email\": \"" + "e".repeat(255) + "\"}").then()
                .statusCode(400).body(containsString("http://tools.ietf.org/html/rfc5321#section-4.5.3"));
        post(TestSupport.uniqueUri(), "{\"text\": \"hello\", \"website\": \"http://" + "w".repeat(250) + ".com\"}")
                .then().statusCode(400).body(containsString("arbitrary length limit"));
    }

    @Test
    void validationErrorsStayHtmlForJsonClients() {
        given().contentType(ContentType.JSON).accept(ContentType.JSON).queryParam("uri", "/x/")
                .body("{}").post("/new")
                .then().statusCode(400).contentType(containsString("text/html"));
    }

    @Test
    void unreadableJsonIs400InTheClientsFormat() {
        post(TestSupport.uniqueUri(), "{not json").then().statusCode(400)
                .body(containsString("Unable to read JSON request"));
        post(TestSupport.uniqueUri(), "[1, 2]").then().statusCode(400)
                .body(containsString("Unable to read JSON request"));
        given().contentType(ContentType.JSON).accept("application/json").queryParam("uri", "/x/")
                .body("{not json").post("/new")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("message", equalTo("400 Bad Request: Unable to read JSON request"));
    }

    @Test
    void missingUriIs400() {
        given().contentType(ContentType.JSON).body("{\"text\": \"hello\"}").post("/new")
                .then().statusCode(400).body(containsString("missing uri query"));
    }

    @Test
    void nonJsonContentTypeIsRejectedAsCsrf() {
        given().contentType("text/plain").queryParam("uri", TestSupport.uniqueUri())
                .body("{\"text\": \"hello there\"}").post("/new")
                .then().statusCode(403).body(containsString("CSRF"));
        given().contentType("application/x-www-form-urlencoded").queryParam("uri", TestSupport.uniqueUri())
                .body("text=hello").post("/new")
                .then().statusCode(403).body(containsString("CSRF"));
        given().contentType("application/json; charset=utf-8").queryParam("uri", TestSupport.uniqueUri())
                .body("{\"text\": \"hello there\"}").post("/new")
                .then().statusCode(201);
    }

    @Test
    void noContentTypeAtAllIsAcceptedAndAnyAcceptHeaderGetsJson() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/new?uri=/plain/"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\": \"no content type\"}"))
                .build();
        var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        given().contentType(ContentType.JSON).accept("text/html").queryParam("uri", TestSupport.uniqueUri())
                .body("{\"text\": \"html client\"}").post("/new")
                .then().statusCode(201).contentType(ContentType.JSON);
    }

    @Test
    void bodiesOver256KiBAreRejected() {
        post(TestSupport.uniqueUri(), "{\"text\": \"" + "x".repeat(300 * 1024) + "\"}").then().statusCode(413);
    }

    @Test
    void httpsRequestsGetSecureCookies() {
        String cookie = given().contentType(ContentType.JSON).header("X-Forwarded-Proto", "https")
                .queryParam("uri", TestSupport.uniqueUri()).body("{\"text\": \"secure one\"}").post("/new")
                .then().statusCode(201).extract().header("Set-Cookie");
        assertTrue(cookie.endsWith("; Secure; Path=/; SameSite=None"), cookie);
    }

    @Test
    void unknownPathsAndMethodsAreIssoErrorsWithoutInternals() {
        given().get("/does-not-exist").then().statusCode(404)
                .body(startsWith("<!doctype html>"))
                .body(not(containsString("Exception")));
        given().get("/new").then().statusCode(405);
    }

    @Test
    void healthIsUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsStringIgnoringCase("postgresql")))
                .body("checks.name", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsStringIgnoringCase("kafka")));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/new"));
        assertNotNull(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void nulCharactersAndHugeUrisAreHandledWithoutServerErrors() {
        post(TestSupport.uniqueUri(), "{\"text\": \"nul\\u0000 inside\", \"author\": \"a\\u0000b\", \"title\": \"t\\u0000\"}")
                .then().statusCode(201).body("author", equalTo("ab")).body("text", equalTo("<p>nul inside</p>"));
        post("/" + "u".repeat(2100), "{\"text\": \"long uri\"}").then().statusCode(400)
                .body(containsString("uri is too long"));
        post("/nul\u0000/", "{\"text\": \"nul uri\"}").then().statusCode(400);
    }

    @Test
    void sqlLookingInputIsJustText() {
        post("/x'; drop table comments; --/", "{\"text\": \"'); delete from comments; --\"}").then().statusCode(201)
                .body("text", matchesPattern("<p>&#39;\\); delete from comments; --</p>|<p>'\\); delete from comments; --</p>"));
    }
}
