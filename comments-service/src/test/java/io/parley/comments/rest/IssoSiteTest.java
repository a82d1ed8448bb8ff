package io.parley.comments.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code POST /preview}, {@code GET /config} and {@code /info}. */
@QuarkusTest
class IssoSiteTest {

    @Test
    void previewRendersMarkdownLikeStoredComments() {
        given().contentType(ContentType.JSON).body("{\"text\": \"*Ohai!* <em>x</em> [l](http://link.com)\"}")
                .post("/preview").then().statusCode(200).contentType(ContentType.JSON)
                .body("text", equalTo("<p><em>Ohai!</em> &lt;em&gt;x&lt;/em&gt; "
                        + "<a href=\"http://link.com\" rel=\"nofollow noopener\">l</a></p>"));
        // No CSRF guard and no length check on preview.
        given().contentType("text/plain").body("{\"text\": \"a\"}").post("/preview").then().statusCode(200)
                .body("text", equalTo("<p>a</p>"));
    }

    @Test
    void previewRejectsMissingOrBadText() {
        given().contentType(ContentType.JSON).body("{}").post("/preview").then().statusCode(400)
                .body(containsString("no text given"));
        given().contentType(ContentType.JSON).body("{\"text\": null}").post("/preview").then().statusCode(400)
                .body(containsString("no text given"));
        given().contentType(ContentType.JSON).body("{\"text\": 5}").post("/preview").then().statusCode(400);
        given().contentType(ContentType.JSON).body("[1]").post("/preview").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{nope").post("/preview").then().statusCode(400)
                .body(containsString("Unable to read JSON request"));
        given().post("/preview").then().statusCode(400);
        given().get("/preview").then().statusCode(405);
    }

    @Test
    void configHasIssosDefaults() {
        Map<String, Object> config = given().get("/config").then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath().getMap("config");
        assertEquals(Map.of("reply-to-self", false, "require-email", false, "require-author", false,
                "website-field", true, "reply-notifications", false, "gravatar", false, "feed", false), config);
        assertEquals(List.of("config"), List.copyOf(given().get("/config").jsonPath().getMap("$").keySet()));
    }

    @Test
    void infoAnswersEveryMethod() {
        given().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "comments.example.org")
                .get("/info").then().statusCode(200).contentType(ContentType.JSON)
                .body("version", equalTo(IssoResource.ISSO_VERSION))
                .body("host", equalTo("https://comments.example.org"))
                .body("origin", equalTo(IssoOrigins.NO_SITE))
                .body("moderation", equalTo(false));
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            given().request(method, "/info").then().statusCode(200).body("moderation", equalTo(false));
        }
        given().get("/info").then().statusCode(200).body("host", containsString("http://"));
    }
}
