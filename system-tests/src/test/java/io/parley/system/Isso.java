package io.parley.system;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Isso-dialect calls through the gateway, as the official client makes them. Each new comment comes from a
 * visitor on a network of its own (behind the trusted proxy), unless a test names the visitor's address.
 */
final class Isso {

    private final String gatewayUrl;

    Isso(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    /** An address on a /24 network no other call is likely to use. */
    static String freshVisitor() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    /** A thread uri no other test uses. */
    static String freshUri(String name) {
        return "/system/" + name + "/" + UUID.randomUUID() + "/";
    }

    Response post(String uri, Map<String, Object> body) {
        return postFrom(freshVisitor(), uri, body);
    }

    Response postFrom(String visitor, String uri, Map<String, Object> body) {
        return given().baseUri(gatewayUrl).contentType(ContentType.JSON).header("X-Forwarded-For", visitor)
                .queryParam("uri", uri).body(body).when().post("/new");
    }

    Response postComment(String uri, String text) {
        return post(uri, Map.of("text", text, "author", "System Test", "title", "System test thread"));
    }

    int count(String uri) {
        return given().baseUri(gatewayUrl).queryParam("uri", uri).when().get("/count")
                .then().statusCode(200).extract().as(Integer.class);
    }

    List<Integer> counts(List<String> uris) {
        return given().baseUri(gatewayUrl).contentType(ContentType.JSON).body(uris).when().post("/count")
                .then().statusCode(200).extract().jsonPath().getList(".", Integer.class);
    }
}
