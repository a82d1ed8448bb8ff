package io.parley.auth.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginRulesTest {

    @Test
    void remark42Rules() {
        List.of("abc", "Jöhn Smith_2").forEach(name -> assertTrue(LoginRules.validAnonymousName(name), name));
        List.of("ab", " abc", "a-b-c").forEach(name -> assertFalse(LoginRules.validAnonymousName(name), name));
        assertTrue(LoginRules.validEmailUser("Jane Doe"));
        assertFalse(LoginRules.validEmailUser("abc"));
        assertTrue(LoginRules.validAddress("jane.doe+tag@mail.example.com"));
        List.of("Jane <jane@example.com>", "jane@localhost", "jane@@example.com")
                .forEach(address -> assertFalse(LoginRules.validAddress(address), address));
        assertTrue(LoginRules.validSite("my-site_1.example"));
        assertFalse(LoginRules.validSite("a/b"));
        // Remark42's ids: sha1 hex of the name and address.
        assertEquals("anonymous_cadcdd75064d3687d981cd480635d6c18eb9941d",
                LoginRules.anonymousId("Admin Tester", "198.51.100.1"));
        assertEquals("email_" + LoginRules.sha1("jane@example.com"), LoginRules.emailId("jane@example.com"));
    }

    @Test
    void redirectsOnlyToOurOwnOrAllowedHosts() {
        List<String> allowed = List.of("blog.example.com", "shop.example.com:8443");
        String own = "comments.example.com";
        List.of("/post/1", "https://blog.example.com/post?x=1", "https://comments.example.com/x",
                        "https://shop.example.com:8443/")
                .forEach(from -> assertTrue(RedirectPolicy.allowed(from, own, allowed), from));
        List.of("https://shop.example.com/", "https://evil.example/", "//evil.example/", "/\\evil.example",
                        "javascript:alert(1)", "https://blog.example.com@evil.example/",
                        "https://evil.example/?blog.example.com", "http://comments.example.com.evil.example/")
                .forEach(from -> assertFalse(RedirectPolicy.allowed(from, own, allowed), from));
        assertTrue(RedirectPolicy.allowed("http://127.0.0.1:8080/x", "127.0.0.1:8080", allowed));
        assertFalse(RedirectPolicy.allowed("http://127.0.0.1:9999/", "127.0.0.1:8080", allowed));
    }

    @Test
    void pkceChallengeIsS256() {
        // RFC 7636 appendix B.
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                OidcLoginService.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }
}
