package io.parley.auth.service;

import io.parley.auth.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
class SigningKeysTest {

    @Inject
    SigningKeyService keys;

    @Inject
    Pool pool;

    @Test
    void jwksPublishesOnlyPublicRsaKeys() {
        given().when().get("/auth/jwks").then().statusCode(200)
                .body("keys", hasSize(1))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0]", not(hasKey("d")))
                .body("keys[0]", not(hasKey("p")));
    }

    @Test
    void concurrentFirstStartsAgreeOnOneKey() {
        pool.query("delete from signing_keys").execute().await().atMost(Duration.ofSeconds(10));
        List<Throwable> failures = IntStream.range(0, 4).parallel()
                .mapToObj(i -> keys.load().onItem().transform(v -> (Throwable) null)
                        .onFailure().recoverWithItem(e -> e).await().atMost(Duration.ofSeconds(60)))
                .filter(f -> f != null).toList();
        assertEquals(List.of(), failures);
        assertEquals(1, pool.query("select kid from signing_keys").execute().await().atMost(Duration.ofSeconds(10))
                .rowCount());
        String kid = pool.query("select kid from signing_keys").execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString("kid");
        given().when().get("/auth/jwks").then().statusCode(200).body("keys[0].kid", equalTo(kid));
        // Tokens issued from now on verify with the published key.
        Sessions.verify(Sessions.anonymous("Key Test", "remark").cookie("JWT"));
    }

    @Test
    void configuredKeyIsReadFromPem() throws Exception {
        RsaJsonWebKey generated = SigningKeyService.generate(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(generated.getPrivateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        RsaJsonWebKey read = SigningKeyService.configuredKey(pem, Optional.empty());
        assertEquals(generated.getKeyId(), read.getKeyId());
        assertEquals(generated.getRsaPublicKey().getModulus(), read.getRsaPublicKey().getModulus());
        assertEquals("mine", SigningKeyService.configuredKey(pem, Optional.of("mine")).getKeyId());
        assertThrows(IllegalStateException.class, () -> SigningKeyService.configuredKey("garbage", Optional.empty()));
        new JsonWebKeySet(keys.jwks());
    }
}
