package io.parley.system;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Isso's guard through the gateway: the client network comes from the trusted proxy's X-Forwarded-For, so one
 * visitor is limited while another is not, and a visitor cannot dodge the limit by sending a header of its own.
 */
class IssoGuardIT extends GatewayTest {

    @Test
    void rateLimitAppliesPerVisitorNetwork() {
        String uri = Isso.freshUri("guard");
        String visitor = Isso.freshVisitor();
        String neighbour = visitor.substring(0, visitor.lastIndexOf('.')) + ".77"; // same /24: same network
        isso.postFrom(visitor, uri, comment("One")).then().statusCode(201);
        isso.postFrom(visitor, uri, comment("Two")).then().statusCode(201);
        isso.postFrom(neighbour, uri, comment("Three"))
                .then().statusCode(403)
                .body(containsString("ratelimit exceeded"))
                .body(not(containsString(neighbour)));
        isso.postFrom(Isso.freshVisitor(), uri, comment("Someone else")).then().statusCode(201);
    }

    @Test
    void aSpoofedForwardedAddressDoesNotEscapeTheLimit() {
        String uri = Isso.freshUri("guard-spoof");
        String visitor = Isso.freshVisitor();
        isso.postFrom(visitor, uri, comment("One")).then().statusCode(201);
        isso.postFrom(visitor, uri, comment("Two")).then().statusCode(201);
        // The visitor prepends an address of its choice; the gateway takes the right-most untrusted one.
        isso.postFrom(Isso.freshVisitor() + ", " + visitor, uri, comment("Three")).then().statusCode(403);
    }

    private static Map<String, Object> comment(String text) {
        return Map.of("text", text + " from a visitor", "author", "Visitor");
    }
}
