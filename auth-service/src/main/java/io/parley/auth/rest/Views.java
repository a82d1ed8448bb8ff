package io.parley.auth.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.session.SessionUser;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON shapes of the auth endpoints (go-pkgz/auth's for /auth/*, Remark42's for /api/v1/*). */
final class Views {

    private Views() {
    }

    /** go-pkgz/auth's user: the token's {@code user} claim. */
    record TokenUser(String name, String id, String picture, Map<String, Object> attrs) {
        static TokenUser of(SessionUser user) {
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put("admin", user.admin());
            attrs.put("blocked", user.blocked());
            attrs.put("verified", user.verified());
            return new TokenUser(user.name(), user.id(), user.picture() == null ? "" : user.picture(), attrs);
        }
    }

    /** go-pkgz/auth's error body. */
    record AuthError(String error) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Status(String status, String user) {
    }

    /** Remark42's User ({@code store/user.go}): {@code block} and {@code verified} only when true. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Remark42User(String name, String id, String picture, boolean admin, Boolean block, Boolean verified,
                        @JsonProperty("site_id") String siteId) {
        Remark42User {
            block = Boolean.TRUE.equals(block) ? true : null;
            verified = Boolean.TRUE.equals(verified) ? true : null;
        }
    }

    /** Remark42's error body ({@code rest.SendErrorJSON}). */
    record Remark42Error(String error, String details, int code) {
    }
}
