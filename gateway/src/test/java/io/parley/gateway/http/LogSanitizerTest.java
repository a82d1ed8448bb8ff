package io.parley.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;

class LogSanitizerTest {

    @Test
    void secretsInPathsAreMasked() {
        assertEquals("/id/12/unsubscribe/*/*", LogSanitizer.target("/id/12/unsubscribe/a%40b.example/eyJhIjoxfQ.sig", null));
        assertEquals("/id/12/activate/*", LogSanitizer.target("/id/12/activate/MTI.ZZZ", null));
        assertEquals("/api/v1/admin/user/*", LogSanitizer.target("/api/v1/admin/user/jane@example.org", null));
        assertEquals("/auth/email/*", LogSanitizer.target("/auth/email/eyJhbGciOiJIUzI1NiJ9eyJzdWIiOiIxIn0", null));
        assertEquals("/api/v1/comment/0f8fad5b-d9cb-469f-a165-70867728950e",
                LogSanitizer.target("/api/v1/comment/0f8fad5b-d9cb-469f-a165-70867728950e", null));
    }

    @Test
    void onlyPublicQueryValuesAreKept() {
        assertEquals("/auth/email/login?site=remark&address=*&tkn=*",
                LogSanitizer.target("/auth/email/login", "site=remark&address=jane%40example.org&tkn=abc"));
        assertEquals("/api/v1/find?site=remark&url=*&sort=-time",
                LogSanitizer.target("/api/v1/find", "site=remark&url=https://blog/x&sort=-time"));
        assertEquals("/x?site=*", LogSanitizer.target("/x", "site=a@b"));
    }

    @Test
    void requestIds() {
        assertEquals("abc-12345", RequestIds.honourOrCreate("abc-12345"));
        assertTrue(RequestIds.honourOrCreate("short").matches("[0-9a-f-]{36}"));
        assertTrue(RequestIds.honourOrCreate("x".repeat(129)).matches("[0-9a-f-]{36}"));
        assertTrue(RequestIds.honourOrCreate("abc 12345\r\nX-Evil: 1").matches("[0-9a-f-]{36}"));
    }

    @Test
    void corsOriginsAreComparedNormalised() {
        CorsPolicy cors = new CorsPolicy(List.of("https://Blog.Example.org:443", "http://localhost:4000"));
        assertEquals(Optional.of("https://blog.example.org"), cors.allowedOrigin("https://blog.example.org"));
        assertEquals(Optional.empty(), cors.allowedOrigin("http://blog.example.org"));
        assertEquals(Optional.empty(), cors.allowedOrigin("https://blog.example.org.evil.example"));
        assertEquals(Optional.empty(), cors.allowedOrigin("null"));
        assertEquals(Optional.empty(), cors.allowedOrigin("http://localhost:4001"));
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        cors.applyTo(headers, "https://evil.example");
        assertEquals("Origin", headers.get("Vary"));
        assertEquals(null, headers.get("Access-Control-Allow-Origin"));
    }
}
