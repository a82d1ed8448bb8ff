package io.parley.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.parley.stack.LocalStack;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real sessions for system tests, obtained through the gateway the way a browser gets them: anonymous login, the
 * email link (read from the stack's mail catcher) and the Keycloak code flow (login form submitted with a plain HTTP
 * client, cookies carried by hand). Each returns a {@link Session} to apply to RestAssured requests.
 *
 * <pre>{@code
 * Logins logins = new Logins(stack);
 * Logins.Session jane = logins.anonymous("Jane Doe", "remark");
 * jane.byHeader(given().baseUri(gatewayUrl)).queryParam("site", "remark").get("/api/v1/user");
 * Logins.Session demo = logins.keycloak("demo", "demo", "remark");   // needs Keycloak in the stack
 * }</pre>
 */
public final class Logins {

    private static final Pattern FORM_ACTION = Pattern.compile(
            "<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"|<form[^>]*action=\"([^\"]+)\"[^>]*id=\"kc-form-login\"");
    private static final Pattern MAIL_TOKEN = Pattern.compile("token=([A-Za-z0-9_\\-.%]+)");

    private final String gatewayUrl;
    private final LocalStack stack;

    public Logins(LocalStack stack) {
        this.stack = stack;
        this.gatewayUrl = stack.gatewayUrl();
    }

    /**
     * A signed-in user: the session JWT, its XSRF value (the token id), the user id and the site it is valid for.
     */
    public record Session(String jwt, String xsrf, String userId, String site) {

        /** Sends the session as a browser does: cookie {@code JWT} plus header {@code X-XSRF-TOKEN}. */
        public RequestSpecification byCookie(RequestSpecification request) {
            return request.cookie("JWT", jwt).header("X-XSRF-TOKEN", xsrf);
        }

        /** Sends the session in the {@code X-JWT} header (no XSRF needed). */
        public RequestSpecification byHeader(RequestSpecification request) {
            return request.header("X-JWT", jwt);
        }

        @Override
        public String toString() {
            return "Session[userId=" + userId + ", site=" + site + "]";
        }
    }

    /**
     * Anonymous login. Each call comes from a fresh client network (the user id is derived from name and address),
     * so two calls with one name are two users; use {@link #anonymousFrom} to choose the address.
     */
    public Session anonymous(String name, String site) {
        return anonymousFrom(Isso.freshVisitor(), name, site);
    }

    public Session anonymousFrom(String clientAddress, String name, String site) {
        Response response = given().baseUri(gatewayUrl).header("X-Forwarded-For", clientAddress)
                .queryParam("user", name).queryParam("aud", site).when().get("/auth/anonymous/login");
        return session(response, site, "anonymous login");
    }

    /** Email-link login: asks for the mail, takes the token from the stack's mail catcher and redeems it. */
    public Session email(String name, String address, String site) {
        // Each flow from its own client network: the gateway limits /auth/* to 2 requests a second per address.
        String visitor = Isso.freshVisitor();
        given().baseUri(gatewayUrl).header("X-Forwarded-For", visitor).queryParam("user", name).queryParam("address", address).queryParam("site", site)
                .when().get("/auth/email/login").then().statusCode(200);
        String token = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> latestToken(address), t -> t != null);
        Response response = given().baseUri(gatewayUrl).header("X-Forwarded-For", visitor).queryParam("token", token)
                .when().get("/auth/email/login");
        return session(response, site, "email login");
    }

    /** The confirmation token of the newest mail to {@code address}, or null. */
    String latestToken(String address) {
        List<Map<String, Object>> messages = JsonPath.from(given().baseUri(stack.mailApiUrl()).when()
                .get("/api/messages").then().statusCode(200).extract().asString()).getList("$");
        for (int i = messages.size() - 1; i >= 0; i--) {
            Map<String, Object> message = messages.get(i);
            if (String.valueOf(message.get("to")).contains(address)) {
                Matcher token = MAIL_TOKEN.matcher(String.valueOf(message.get("text")));
                if (token.find()) {
                    return URLDecoder.decode(token.group(1), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    /**
     * The Keycloak code flow through the gateway: {@code /auth/keycloak/login} → Keycloak's login form → submit
     * {@code user}/{@code password} → our callback. The stack must run Keycloak: call
     * {@code LocalStackExtension.start(true, new String[0], new String[0])} in a {@code @BeforeAll} (see AuthIT).
     * Realm users: {@code demo}/{@code demo} and {@code admin}/{@code admin} (realm role admin).
     */
    public Session keycloak(String user, String password, String site) {
        String visitor = Isso.freshVisitor();
        Response start = given().baseUri(gatewayUrl).header("X-Forwarded-For", visitor).redirects().follow(false)
                .queryParam("site", site).when().get("/auth/keycloak/login");
        expect(start, 302, "login start");
        String handshake = start.cookie("PARLEY-LOGIN");
        Response form = given().redirects().follow(false).urlEncodingEnabled(false).when()
                .get(start.header("Location"));
        expect(form, 200, "Keycloak login page");
        Matcher action = FORM_ACTION.matcher(form.asString());
        if (!action.find()) {
            throw new AssertionError("no login form on Keycloak's page");
        }
        String formAction = (action.group(1) != null ? action.group(1) : action.group(2)).replace("&amp;", "&");
        Response submitted = given().redirects().follow(false).urlEncodingEnabled(false).cookies(form.cookies())
                .contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8))
                .formParam("username", user).formParam("password", password).formParam("credentialId", "")
                .when().post(formAction);
        expect(submitted, 302, "Keycloak login (wrong password?)");
        Response callback = given().redirects().follow(false).urlEncodingEnabled(false)
                .header("X-Forwarded-For", visitor).cookie("PARLEY-LOGIN", handshake).when().get(submitted.header("Location"));
        return session(callback, site, "Keycloak callback");
    }

    private static Session session(Response response, String site, String step) {
        expect(response, 200, step);
        return new Session(response.cookie("JWT"), response.cookie("XSRF-TOKEN"), response.path("id"), site);
    }

    private static void expect(Response response, int status, String step) {
        if (response.statusCode() != status) {
            throw new AssertionError(step + ": expected " + status + " but got " + response.statusCode() + " "
                    + response.asString().substring(0, Math.min(300, response.asString().length())));
        }
    }
}
