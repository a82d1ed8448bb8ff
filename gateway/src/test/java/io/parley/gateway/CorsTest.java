package io.parley.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Configured origins: https://blog.example.org and http://localhost:4000. */
@QuarkusTest
@QuarkusTestResource(UpstreamServers.class)
class CorsTest {

    @Test
    void configuredOriginIsEchoedWithCredentials() {
        Response response = given().header("Origin", "https://blog.example.org")
                .when().get("/api/v1/find?site=remark");
        response.then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://blog.example.org")
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Expose-Headers", containsString("X-Set-Cookie"))
                .header("Access-Control-Expose-Headers", containsString("Date"))
                .header("Vary", containsString("Origin"));
        // the upstream's own "Access-Control-Allow-Origin: *" never reaches the browser
        assertEquals(1, response.headers().getValues("Access-Control-Allow-Origin").size());
    }

    @Test
    void otherOriginsGetNoAllowOrigin() {
        given().header("Origin", "https://evil.example")
                .when().get("/api/v1/find?site=remark")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue())
                .header("Vary", containsString("Origin"));
    }

    @Test
    void preflightIsAnsweredAtTheGateway() {
        given().header("Origin", "http://localhost:4000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, x-xsrf-token")
                .when().options("/new?uri=%2Fpost")
                .then().statusCode(200)
                .header("X-Upstream", nullValue()) // never reached comments-service
                .header("Access-Control-Allow-Origin", "http://localhost:4000")
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Methods", containsString("DELETE"))
                .header("Access-Control-Allow-Headers", containsString("Content-Type"))
                .header("Access-Control-Allow-Headers", containsString("X-XSRF-TOKEN"))
                .header("Access-Control-Allow-Headers", containsString("X-JWT"))
                .header("Access-Control-Max-Age", "300")
                .body(emptyString());
    }

    @Test
    void preflightFromAnUnknownOriginGrantsNothing() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "DELETE")
                .when().options("/id/1")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Methods", nullValue());
    }

    @Test
    void gatewayErrorsCarryCorsToo() {
        given().header("Origin", "https://blog.example.org")
                .when().get("/nope")
                .then().statusCode(404)
                .header("Access-Control-Allow-Origin", equalTo("https://blog.example.org"));
    }
}
