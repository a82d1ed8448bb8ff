package io.parley.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * Trusted proxies for this app: 127.0.0.1, 10.0.0.0/8, 2001:db8::/32. Rest-assured connects from
 * 127.0.0.1 (a trusted proxy); {@link TestClient} connects from 127.0.0.2 (an ordinary client).
 */
@QuarkusTest
@QuarkusTestResource(UpstreamServers.class)
class ClientAddressTest {

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void peerAddressWhenNothingIsForwarded() {
        given().when().get("/api/v1/find")
                .then().statusCode(200)
                .body("headers.'x-client-ip'", equalTo("127.0.0.1"))
                .body("headers.'x-forwarded-for'", equalTo("127.0.0.1"))
                .body("headers.'x-forwarded-proto'", equalTo("http"));
    }

    @Test
    void trustedProxyChainIsScannedFromTheRight() {
        given().header("X-Forwarded-For", "203.0.113.7, 10.1.2.3")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "blog.example.org")
                .when().get("/api/v1/find")
                .then().statusCode(200)
                .body("headers.'x-client-ip'", equalTo("203.0.113.7"))
                .body("headers.'x-forwarded-for'", equalTo("203.0.113.7, 10.1.2.3, 127.0.0.1"))
                .body("headers.'x-forwarded-proto'", equalTo("https"))
                .body("headers.'x-forwarded-host'", equalTo("blog.example.org"));
    }

    @Test
    void addressesTheClientWroteItselfAreIgnored() {
        // the client put 6.6.6.6 in front; our trusted proxy appended what it saw: 203.0.113.7
        given().header("X-Forwarded-For", "6.6.6.6, 203.0.113.7")
                .header("X-Client-IP", "6.6.6.6")
                .header("X-Real-IP", "6.6.6.6")
                .when().get("/api/v1/find")
                .then().statusCode(200)
                .body("headers.'x-client-ip'", equalTo("203.0.113.7"))
                .body("headers.'x-forwarded-for'", equalTo("203.0.113.7, 127.0.0.1"))
                .body("headers.'x-real-ip'", equalTo(null));
    }

    @Test
    void ipv6AndPortsInTheChain() {
        given().header("X-Forwarded-For", "[2a00:1450:4001::5]:4711, 2001:db8::9")
                .when().get("/api/v1/find")
                .then().statusCode(200)
                .body("headers.'x-client-ip'", equalTo("2a00:1450:4001:0:0:0:0:5"));
    }

    @Test
    void garbageFromATrustedHopFallsBackToTheHopThatWroteIt() {
        given().header("X-Forwarded-For", "unknown, 10.9.9.9")
                .when().get("/api/v1/find")
                .then().statusCode(200)
                .body("headers.'x-client-ip'", equalTo("10.9.9.9"));
    }

    @Test
    void untrustedPeerCannotSpoofItsAddress() throws Exception {
        TestClient.Response response = TestClient.get("127.0.0.2", gateway.getPort(), "/api/v1/find", Map.of(
                "X-Forwarded-For", "203.0.113.7",
                "X-Client-IP", "6.6.6.6",
                "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "evil.example"));
        assertEquals(200, response.status());
        JsonObject headers = new JsonObject(response.body()).getJsonObject("headers");
        assertEquals("127.0.0.2", headers.getString("x-client-ip"));
        assertEquals("127.0.0.2", headers.getString("x-forwarded-for"));
        assertEquals("http", headers.getString("x-forwarded-proto"));
        assertEquals("127.0.0.1:" + gateway.getPort(), headers.getString("x-forwarded-host"));
    }
}
