package io.parley.auth;

import io.parley.session.PresentedToken;
import io.parley.session.SessionTokens;
import io.parley.session.SessionUser;
import io.restassured.response.Response;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

import java.time.Duration;

import static io.restassured.RestAssured.given;

/** Test helpers: issued tokens are checked with the session library's verifier against our published JWKS. */
public final class Sessions {

    private Sessions() {
    }

    /** Verifies a token the way every other service does (header transport, no XSRF needed). */
    public static SessionUser verify(String jwt) {
        return verify(jwt, false, null);
    }

    public static SessionUser verify(String jwt, boolean fromCookie, String xsrf) {
        String jwks = given().when().get("/auth/jwks").then().statusCode(200).extract().asString();
        try {
            return new SessionTokens("parley", Duration.ofSeconds(30)).verify(new PresentedToken(jwt, fromCookie),
                    xsrf, new JsonWebKeySet(jwks).getJsonWebKeys());
        } catch (JoseException e) {
            throw new AssertionError("JWKS unreadable: " + jwks, e);
        }
    }

    /** Anonymous login through the API; the response carries the cookies. */
    public static Response anonymous(String name, String site) {
        return given().queryParam("user", name).queryParam("aud", site).when().get("/auth/anonymous/login");
    }
}
