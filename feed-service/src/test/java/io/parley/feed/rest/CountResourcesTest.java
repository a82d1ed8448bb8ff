package io.parley.feed.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Bad input answers 4xx in each dialect's error shape, never 500; unknown posts count 0. */
@QuarkusTest
class CountResourcesTest {

    @Test
    void issoCountOfUnknownThreadsIsZero() {
        given().body("[\"/nowhere/1\", \"/nowhere/2\", \"/nowhere/1\"]")
                .when().post("/count")
                .then().statusCode(200).contentType(ContentType.JSON).body(equalTo("[0,0,0]"));
        given().contentType(ContentType.JSON).body("[]")
                .when().post("/count")
                .then().statusCode(200).body(equalTo("[]"));
        given().queryParam("uri", "/nowhere/").when().get("/count").then().statusCode(200).body(equalTo("0"));
    }

    @Test
    void issoRefusesBodiesThatAreNotArraysOfStrings() {
        given().contentType(ContentType.JSON).body("{\"uri\": \"/a\"}")
                .when().post("/count")
                .then().statusCode(400).contentType(ContentType.HTML).body(containsString("<title>400 Bad Request</title>"));
        given().contentType(ContentType.JSON).body("[1, 2]")
                .when().post("/count")
                .then().statusCode(400);
        given().contentType(ContentType.TEXT).body("not json")
                .when().post("/count")
                .then().statusCode(400).body(containsString("Unable to read JSON request"));
        given().accept(ContentType.JSON).contentType(ContentType.JSON).body("[\"/a\"")
                .when().post("/count")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("message", equalTo("400 Bad Request: Unable to read JSON request"));
        given().when().post("/count").then().statusCode(400).body(not(containsString("Exception")));
    }

    @Test
    void issoRefusesHugeBodies() {
        String huge = "[\"" + "a".repeat(300 * 1024) + "\"]";
        given().contentType(ContentType.JSON).body(huge).when().post("/count").then().statusCode(413);
    }

    @Test
    void issoSingleCountNeedsUri() {
        given().when().get("/count").then().statusCode(400).body(containsString("missing uri query"));
    }

    @Test
    void remarkCountOfUnknownPostIsZero() {
        given().queryParam("site", "remark").queryParam("url", "https://nowhere.example/")
                .when().get("/api/v1/count")
                .then().statusCode(200).body("count", equalTo(0)).body("url", equalTo("https://nowhere.example/"))
                .body("locator.site", equalTo("remark"));
        given().queryParam("site", "remark").contentType(ContentType.JSON).body("[\"https://nowhere.example/\"]")
                .when().post("/api/v1/counts")
                .then().statusCode(200).body("[0].url", equalTo("https://nowhere.example/"))
                .body("[0].count", equalTo(0)).body("[0].first_time", equalTo("0001-01-01T00:00:00Z"))
                .body("[0].last_time", equalTo("0001-01-01T00:00:00Z"));
    }

    @Test
    void remarkErrorsUseItsShape() {
        given().queryParam("site", "remark").contentType(ContentType.JSON).body("{\"a\": 1}")
                .when().post("/api/v1/counts")
                .then().statusCode(400).contentType(ContentType.JSON).body("code", equalTo(6))
                .body("details", equalTo("can't get list of posts from request")).body("error", not(equalTo(null)));
        given().queryParam("site", "remark").contentType(ContentType.JSON).body("nope")
                .when().post("/api/v1/counts")
                .then().statusCode(400).body("code", equalTo(6));
        given().queryParam("site", "remark")
                .when().get("/api/v1/count")
                .then().statusCode(400).contentType(ContentType.JSON).body("code", equalTo(5));
        given().queryParam("site", "a|b").queryParam("url", "c")
                .when().get("/api/v1/count")
                .then().statusCode(400).body("code", equalTo(6));
    }

    @Test
    void readinessReflectsMongoAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("MongoDB connection health check")).body(containsString("Kafka broker"));
    }
}
