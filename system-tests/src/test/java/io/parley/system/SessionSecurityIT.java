package io.parley.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.stack.LocalStack;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Session tokens through the gateway against the real auth-service: every protected Remark42 endpoint of every
 * service (comments, votes, notify, auth) refuses a request without a token, with a forged one (altered or spliced
 * signature, {@code alg none}, HS256 keyed with the published public key, altered claims, no signature, garbage),
 * with a genuine token of another site (403), with a genuine token of another purpose (the mailed email-login
 * confirmation) and with a cookie token whose {@code X-XSRF-TOKEN} is missing or wrong; the same cookie with its
 * XSRF header is accepted. Every combination is tried and all mismatches are reported together.
 *
 * <p>Expired tokens are not covered here: the shared stack's auth-service signs for {@code parley.auth.jwt-ttl}
 * (1 hour), which the system tests do not shorten.
 */
class SessionSecurityIT extends GatewayTest {

    private static final String SITE = "remark";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder B64_ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** A protected endpoint: how to call it on a prepared request, and what a genuine same-site session gets. */
    private record Endpoint(String name, Function<RequestSpecification, Response> call, int genuineStatus) {
    }

    /** A way of presenting a token and the refusal it must get. */
    private record Credential(String name, UnaryOperator<RequestSpecification> apply, int refusal) {
    }

    @Test
    void sessionTokensAreRefusedOnEveryProtectedEndpoint(LocalStack stack) {
        Logins logins = new Logins(stack);
        Logins.Session anonymous = logins.anonymous("Security Tester", SITE);
        Logins.Session otherSite = logins.anonymous("Security Tester", "other");
        assertEquals("other", claims(otherSite.jwt()).getString("aud"));

        // A genuine email-login confirmation token, not redeemed yet: a token of the right issuer and key, wrong use.
        String address = "security-" + UUID.randomUUID() + "@example.com";
        String mailVisitor = Isso.freshVisitor();
        given().baseUri(gatewayUrl).header("X-Forwarded-For", mailVisitor).queryParam("user", "Security Mailer")
                .queryParam("address", address).queryParam("site", SITE).when().get("/auth/email/login")
                .then().statusCode(200);
        String confirmation = await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> new Logins(stack).latestToken(address), t -> t != null);
        assertEquals("email-login", claims(confirmation).getString("token_use"));

        // The comment the endpoints act on: an anonymous user's, on a post of its own.
        String url = Isso.freshUri("session-security");
        String commentId = anonymous.byHeader(request()).contentType(ContentType.JSON).queryParam("site", SITE)
                .body(Map.of("text", "Target of the session checks", "locator", Map.of("site", SITE, "url", url)))
                .when().post("/api/v1/comment").then().statusCode(201).extract().path("id");

        List<Endpoint> endpoints = endpoints(commentId, url);
        List<String> failures = new ArrayList<>();
        int checks = 0;

        // No token, forged tokens, another site's token, another purpose's token: refused everywhere.
        List<Credential> refused = forgedAndForeign(anonymous, otherSite, confirmation);
        for (Credential credential : refused) {
            for (Endpoint endpoint : endpoints) {
                checkRefused(failures, endpoint, credential);
                checks++;
            }
        }

        // Redeeming the confirmation now still works: the token refused above was genuine and unused.
        Response redeemed = given().baseUri(gatewayUrl).header("X-Forwarded-For", mailVisitor)
                .queryParam("token", confirmation).when().get("/auth/email/login");
        assertEquals(200, redeemed.statusCode(), "email confirmation: " + redeemed.asString());
        Logins.Session reader = new Logins.Session(redeemed.cookie("JWT"), redeemed.cookie("XSRF-TOKEN"),
                redeemed.path("id"), SITE);
        assertNotNull(reader.jwt());
        // The other way round: a session token is no confirmation token.
        Response sessionAsConfirmation = given().baseUri(gatewayUrl).header("X-Forwarded-For", Isso.freshVisitor())
                .queryParam("token", reader.jwt()).when().get("/auth/email/login");
        if (sessionAsConfirmation.statusCode() != 403) {
            failures.add("GET /auth/email/login?token=<session token>: expected 403 but got "
                    + sessionAsConfirmation.statusCode());
        }
        checks++;

        // Cookie transport: without X-XSRF-TOKEN, or with another token's id, the cookie is worth nothing.
        List<Credential> badCookies = List.of(
                new Credential("cookie JWT without X-XSRF-TOKEN (XSRF-TOKEN cookie present)",
                        r -> r.cookie("JWT", reader.jwt()).cookie("XSRF-TOKEN", reader.xsrf()), 401),
                new Credential("cookie JWT without any XSRF", r -> r.cookie("JWT", reader.jwt()), 401),
                new Credential("cookie JWT with another session's X-XSRF-TOKEN",
                        r -> r.cookie("JWT", reader.jwt()).cookie("XSRF-TOKEN", reader.xsrf())
                                .header("X-XSRF-TOKEN", anonymous.xsrf()), 401),
                new Credential("cookie JWT with a random X-XSRF-TOKEN",
                        r -> r.cookie("JWT", reader.jwt()).header("X-XSRF-TOKEN", "0".repeat(40)), 401));
        for (Credential credential : badCookies) {
            for (Endpoint endpoint : endpoints) {
                checkRefused(failures, endpoint, credential);
                checks++;
            }
        }

        // The same cookie with its XSRF header is accepted. votes-service learns the comment from its event first.
        Endpoint vote = endpoints.stream().filter(e -> e.name().startsWith("votes")).findFirst().orElseThrow();
        AtomicInteger firstVote = new AtomicInteger();
        try {
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                firstVote.set(vote.call().apply(reader.byCookie(request())).statusCode());
                return firstVote.get() != 400;
            });
        } catch (ConditionTimeoutException e) {
            // Still 400 ("can't get comment"): the comment never reached votes-service; reported below.
        }
        if (firstVote.get() != 200) {
            failures.add(vote.name() + " with the genuine cookie and its X-XSRF-TOKEN: expected 200 but got "
                    + firstVote.get() + " (within " + WAIT.toSeconds() + " s)");
        }
        checks++;
        for (Endpoint endpoint : endpoints) {
            Response response = endpoint.call().apply(reader.byCookie(request()));
            int expected = endpoint.name().startsWith("votes") ? 400 : endpoint.genuineStatus();
            // The vote above was cast already: the same vote again is Remark42's 400 code 14, i.e. authenticated.
            if (response.statusCode() != expected) {
                failures.add(endpoint.name() + " with the genuine cookie and its X-XSRF-TOKEN: expected " + expected
                        + " but got " + response.statusCode() + " " + head(response));
            }
            checks++;
        }
        // And the genuine session in X-JWT (no XSRF needed), as a control of each endpoint's answer.
        for (Endpoint endpoint : endpoints) {
            if (endpoint.name().startsWith("votes")) {
                continue;
            }
            Response response = endpoint.call().apply(reader.byHeader(request()));
            if (response.statusCode() != endpoint.genuineStatus()) {
                failures.add(endpoint.name() + " with the genuine session in X-JWT: expected "
                        + endpoint.genuineStatus() + " but got " + response.statusCode() + " " + head(response));
            }
            checks++;
        }

        System.out.printf("SessionSecurityIT: %d checks on %d endpoints, %d failures%n", checks, endpoints.size(),
                failures.size());
        failures.forEach(f -> System.out.println("SessionSecurityIT FAILURE: " + f));
        assertTrue(failures.isEmpty(), failures.size() + " of " + checks + " checks failed:\n"
                + String.join("\n", failures));
    }

    /** The protected endpoints, with {@code site=remark} and what each needs, for the comment {@code id} on {@code url}. */
    private List<Endpoint> endpoints(String id, String url) {
        return List.of(
                // A new comment by whoever the session names.
                new Endpoint("comments POST /api/v1/comment", r -> r.contentType(ContentType.JSON)
                        .queryParam("site", SITE)
                        .body(Map.of("text", "Should only work with a session", "locator",
                                Map.of("site", SITE, "url", url)))
                        .when().post("/api/v1/comment"), 201),
                // Someone else's comment: Remark42's 403 code 3 for a genuine session of another user.
                new Endpoint("comments PUT /api/v1/comment/{id}", r -> r.contentType(ContentType.JSON)
                        .queryParam("site", SITE).body(Map.of("text", "Hijacked"))
                        .when().put("/api/v1/comment/" + id), 403),
                new Endpoint("comments POST /api/v1/preview", r -> r.contentType(ContentType.JSON)
                        .queryParam("site", SITE).body(Map.of("text", "**preview**"))
                        .when().post("/api/v1/preview"), 200),
                // Admin only: a genuine non-admin session is 403.
                new Endpoint("comments DELETE /api/v1/admin/comment/{id}", r -> r.queryParam("site", SITE)
                        .queryParam("url", url).when().delete("/api/v1/admin/comment/" + id), 403),
                new Endpoint("votes PUT /api/v1/vote/{id}", r -> r.queryParam("site", SITE).queryParam("url", url)
                        .queryParam("vote", "1").when().put("/api/v1/vote/" + id), 200),
                new Endpoint("notify GET /api/v1/email", r -> r.queryParam("site", SITE)
                        .when().get("/api/v1/email"), 200),
                new Endpoint("auth GET /api/v1/user", r -> r.queryParam("site", SITE)
                        .when().get("/api/v1/user"), 200),
                new Endpoint("auth GET /api/v1/admin/blocked", r -> r.queryParam("site", SITE)
                        .when().get("/api/v1/admin/blocked"), 403));
    }

    /** Tokens that must not open any endpoint, built from genuine ones of auth-service. */
    private List<Credential> forgedAndForeign(Logins.Session genuine, Logins.Session otherSite, String confirmation) {
        String[] parts = genuine.jwt().split("\\.");
        assertEquals(3, parts.length);
        String header = decode(parts[0]);
        String payload = decode(parts[1]);
        String signed = parts[0] + "." + parts[1];

        // One character in the middle of the signature changed (the last one may only carry padding bits).
        char[] signature = parts[2].toCharArray();
        int middle = signature.length / 2;
        signature[middle] = signature[middle] == 'A' ? 'B' : 'A';
        String badSignature = signed + "." + new String(signature);
        // Another genuine token's signature on this token's header and claims.
        String spliced = signed + "." + otherSite.jwt().split("\\.")[2];

        String noneHeader = header.replaceFirst("\"alg\"\\s*:\\s*\"RS256\"", "\"alg\":\"none\"");
        assertNotEquals(header, noneHeader, "the session token's header names RS256: " + header);
        String algNone = encode(noneHeader) + "." + parts[1] + ".";
        String algNoneWithSignature = encode(noneHeader) + "." + parts[1] + "." + parts[2];

        // The classic RS256 → HS256 confusion: an HMAC keyed with the published public key.
        String hsHeader = encode(header.replaceFirst("\"alg\"\\s*:\\s*\"RS256\"", "\"alg\":\"HS256\""));
        String hs256 = hsHeader + "." + parts[1] + "." + hmac(hsHeader + "." + parts[1], publicKeyPem());

        // The claims made admin, the original signature kept.
        String adminPayload = payload.replace("\"admin\":false", "\"admin\":true");
        assertNotEquals(payload, adminPayload, "the session token's claims name admin false: " + payload);
        String tampered = parts[0] + "." + encode(adminPayload) + "." + parts[2];

        String confirmationId = claims(confirmation).getString("jti");
        return List.of(
                new Credential("no token", r -> r, 401),
                new Credential("X-JWT with an altered signature", header(badSignature), 401),
                new Credential("?jwt= with an altered signature", r -> r.queryParam("jwt", badSignature), 401),
                new Credential("cookie JWT with an altered signature and its X-XSRF-TOKEN",
                        r -> r.cookie("JWT", badSignature).header("X-XSRF-TOKEN", genuine.xsrf()), 401),
                new Credential("X-JWT with another token's signature", header(spliced), 401),
                new Credential("X-JWT with alg none, no signature", header(algNone), 401),
                new Credential("X-JWT with alg none, original signature", header(algNoneWithSignature), 401),
                new Credential("X-JWT with HS256 keyed with the public key", header(hs256), 401),
                new Credential("X-JWT with admin=true claims under the original signature", header(tampered), 401),
                new Credential("X-JWT without a signature part", header(signed), 401),
                new Credential("X-JWT garbage", header("not-a-jwt"), 401),
                new Credential("X-JWT genuine, site other", otherSite::byHeader, 403),
                new Credential("cookie JWT genuine, site other, with its X-XSRF-TOKEN", otherSite::byCookie, 403),
                new Credential("X-JWT email-login confirmation token", header(confirmation), 401),
                new Credential("?jwt= email-login confirmation token", r -> r.queryParam("jwt", confirmation), 401),
                new Credential("cookie JWT email-login confirmation token with its jti as X-XSRF-TOKEN",
                        r -> r.cookie("JWT", confirmation).header("X-XSRF-TOKEN", confirmationId), 401));
    }

    private void checkRefused(List<String> failures, Endpoint endpoint, Credential credential) {
        Response response = endpoint.call().apply(credential.apply().apply(request()));
        String text = response.asString();
        String expectedText = credential.refusal() == 401 ? "Unauthorized" : "Access denied";
        if (response.statusCode() != credential.refusal()) {
            failures.add("NOT REFUSED AS EXPECTED: " + endpoint.name() + " with " + credential.name() + ": expected "
                    + credential.refusal() + " but got " + response.statusCode() + " " + head(response));
        } else if (!text.startsWith(expectedText)) {
            failures.add("answer shape: " + endpoint.name() + " with " + credential.name() + ": "
                    + credential.refusal() + " but the body is not Remark42's \"" + expectedText + "\": "
                    + head(response));
        }
    }

    /** Every request from a network of its own: the gateway rate-limits Remark42 routes per address and path. */
    private RequestSpecification request() {
        return given().baseUri(gatewayUrl).header("X-Forwarded-For", Isso.freshVisitor()).redirects().follow(false);
    }

    private static UnaryOperator<RequestSpecification> header(String jwt) {
        return r -> r.header("X-JWT", jwt);
    }

    /** auth-service's first published key as a PEM, the bytes a confused HS256 verifier would use as secret. */
    private String publicKeyPem() {
        JsonPath jwks = given().baseUri(gatewayUrl).when().get("/auth/jwks").then().statusCode(200).extract()
                .jsonPath();
        try {
            RSAPublicKeySpec spec = new RSAPublicKeySpec(
                    new BigInteger(1, B64_DECODER.decode(jwks.getString("keys[0].n"))),
                    new BigInteger(1, B64_DECODER.decode(jwks.getString("keys[0].e"))));
            byte[] der = KeyFactory.getInstance("RSA").generatePublic(spec).getEncoded();
            return "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END PUBLIC KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the published key", e);
        }
    }

    private static String hmac(String signingInput, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return B64_ENCODER.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing", e);
        }
    }

    private static JsonPath claims(String jwt) {
        return JsonPath.from(decode(jwt.split("\\.")[1]));
    }

    private static String decode(String part) {
        return new String(B64_DECODER.decode(part), StandardCharsets.UTF_8);
    }

    private static String encode(String json) {
        return B64_ENCODER.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String head(Response response) {
        String text = response.asString().replace('\n', ' ');
        return "\"" + text.substring(0, Math.min(160, text.length())) + "\"";
    }
}
