package io.parley.auth.rest;

import io.parley.auth.Sessions;
import io.parley.auth.service.LoginRules;
import io.parley.session.SessionUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Email-link login against the real SMTP catcher. */
@QuarkusTest
class EmailLoginTest {

    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_\\-.%]+)");

    @Test
    void confirmationTokenSignsInOnce() {
        String address = "reader-" + UUID.randomUUID() + "@example.com";
        given().queryParam("user", "Mail Reader").queryParam("address", address).queryParam("site", "remark")
                .when().get("/auth/email/login").then().statusCode(200)
                .body("user", equalTo("Mail Reader")).body("address", equalTo(address));
        Map<String, Object> mail = mailTo(address);
        String text = (String) mail.get("text");
        assertFalse(text.contains(address), "the mail need not repeat the address");
        Matcher link = TOKEN.matcher(text);
        link.find();
        String token = java.net.URLDecoder.decode(link.group(1), java.nio.charset.StandardCharsets.UTF_8);
        // The confirmation token is not a session.
        given().header("X-JWT", token).when().get("/auth/user").then().statusCode(401);

        Response login = given().queryParam("token", token).when().get("/auth/email/login");
        login.then().statusCode(200).body("name", equalTo("Mail Reader"))
                .body("id", equalTo(LoginRules.emailId(address)));
        SessionUser user = Sessions.verify(login.cookie("JWT"), true, login.cookie("XSRF-TOKEN"));
        assertEquals("email", user.provider());
        assertEquals("remark", user.site());

        given().queryParam("token", token).when().get("/auth/email/login").then().statusCode(403)
                .body("error", equalTo("token already used"));
    }

    @Test
    void confirmationRedirectsToAnAllowedFrom() {
        String address = "redirect-" + UUID.randomUUID() + "@example.com";
        given().header("X-Forwarded-Host", "comments.example.com").queryParam("user", "Redirect Reader")
                .queryParam("address", address).queryParam("site", "remark")
                .queryParam("from", "https://comments.example.com/post/1").when().get("/auth/email/login")
                .then().statusCode(200);
        Matcher link = TOKEN.matcher((String) mailTo(address).get("text"));
        link.find();
        given().redirects().follow(false).urlEncodingEnabled(false).header("X-Forwarded-Host", "comments.example.com")
                .queryParam("token", link.group(1))
                .when().get("/auth/email/login").then().statusCode(303)
                .header("Location", "https://comments.example.com/post/1").cookie("JWT");
        given().queryParam("user", "Redirect Reader").queryParam("address", address).queryParam("site", "remark")
                .queryParam("from", "https://evil.example/").when().get("/auth/email/login").then().statusCode(400);
    }

    @Test
    void requestsFollowRemark42Rules() {
        Map<String, String> good = Map.of("user", "Good Name", "address", "good@example.com", "site", "remark");
        for (Map.Entry<String, String> bad : List.of(Map.entry("user", "abc"), Map.entry("user", "a;b;c;d"),
                Map.entry("address", "not-an-address"), Map.entry("address", "x@y"), Map.entry("site", "a/b"))) {
            Map<String, String> params = new java.util.HashMap<>(good);
            params.put(bad.getKey(), bad.getValue());
            given().queryParams(params).when().get("/auth/email/login")
                    .then().statusCode(403);
        }
        given().queryParam("token", "forged.token.value").when().get("/auth/email/login").then().statusCode(403);
        // A session token is no confirmation token either.
        String session = Sessions.anonymous("Session Holder", "remark").cookie("JWT");
        given().queryParam("token", session).when().get("/auth/email/login").then().statusCode(403);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mailTo(String address) {
        String api = ConfigProvider.getConfig().getValue("parley-test.mail-api-url", String.class);
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<Map<String, Object>> messages = JsonPath.from(given().baseUri(api).when().get("/api/messages")
                    .then().statusCode(200).extract().asString()).getList("$");
            return messages.stream().filter(m -> String.valueOf(m.get("to")).contains(address)).findFirst()
                    .orElse(null);
        }, m -> m != null);
    }
}
