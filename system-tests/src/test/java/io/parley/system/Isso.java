package io.parley.system;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Isso-dialect calls through the gateway, as the official client makes them. */
final class Isso {

    private final String gatewayUrl;

    Isso(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    /** A thread uri no other test uses. */
    static String freshUri(String name) {
        return "/system/" + name + "/" + UUID.randomUUID() + "/";
    }

    Response post(String uri, Map<String, Object> body) {
        return given().baseUri(gatewayUrl).contentType(ContentType.JSON).queryParam("uri", uri).body(body)
                .when().post("/new");
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
