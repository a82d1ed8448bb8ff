package io.parley.comments.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.comments.service.IssoRules;

import java.math.BigInteger;

/**
 * The body of Isso's {@code POST /new}, validated in Isso's order with Isso's messages. Unknown keys are ignored.
 * Author, email and website come out escaped as Isso stores them; website gets a scheme.
 */
public record IssoNewCommentRequest(String text, String author, String email, String website, Long parent,
                                    String title, Integer notification) {

    static final int MAX_TEXT = 65535;
    static final int MAX_EMAIL = 254;
    static final int MAX_WEBSITE = 254;

    public static IssoNewCommentRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw IssoException.badRequest("Unable to read JSON request");
        }
        JsonNode text = body.get("text");
        if (text == null || text.isNull()) {
            throw IssoException.invalid("text is missing");
        }
        JsonNode parent = body.get("parent");
        if (parent != null && !parent.isNull() && !parent.isIntegralNumber() && !parent.isBoolean()) {
            throw IssoException.invalid("parent must be an integer or null");
        }
        for (String key : new String[] {"text", "author", "website", "email"}) {
            JsonNode value = body.get(key);
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw IssoException.invalid(key + " must be a string or null");
            }
        }
        String rawText = IssoRules.withoutNul(text.textValue());
        if (IssoRules.strippedLength(rawText) < 3) {
            throw IssoException.invalid("text is too short (minimum length: 3)");
        }
        if (rawText.codePointCount(0, rawText.length()) > MAX_TEXT) {
            throw IssoException.invalid("text is too long (maximum length: 65535)");
        }
        String email = string(body, "email");
        if (email != null && email.codePointCount(0, email.length()) > MAX_EMAIL) {
            throw IssoException.invalid("http://tools.ietf.org/html/rfc5321#section-4.5.3");
        }
        String website = string(body, "website");
        if (website != null && !website.isEmpty()) {
            if (website.codePointCount(0, website.length()) > MAX_WEBSITE) {
                throw IssoException.invalid("arbitrary length limit");
            }
            if (!IssoRules.isWebsite(website)) {
                throw IssoException.invalid("Website not Django-conform");
            }
        }
        String author = string(body, "author");
        return new IssoNewCommentRequest(
                rawText,
                author == null ? null : IssoRules.escape(author),
                email == null ? null : IssoRules.escape(email),
                website == null ? null : IssoRules.normaliseWebsite(IssoRules.escapeWithQuotes(website)),
                parentId(parent),
                title(body.get("title")),
                notification(body.get("notification")));
    }

    private static String string(JsonNode body, String key) {
        JsonNode value = body.get(key);
        return value == null || value.isNull() ? null : IssoRules.withoutNul(value.textValue());
    }

    /** Booleans count as integers (Python); ids beyond any row's range simply resolve to no parent. */
    private static Long parentId(JsonNode parent) {
        if (parent == null || parent.isNull()) {
            return null;
        }
        if (parent.isBoolean()) {
            return parent.booleanValue() ? 1L : 0L;
        }
        BigInteger value = parent.bigIntegerValue();
        return value.bitLength() < 64 ? value.longValue() : 0L;
    }

    /** Isso leaves the title unvalidated; anything but a non-empty string means "no title". */
    private static String title(JsonNode title) {
        String value = title != null && title.isTextual() ? IssoRules.withoutNul(title.textValue()) : null;
        return value == null || value.isEmpty() ? null : value;
    }

    /** Stored as sent (Isso); non-numeric values become 0/1 by truthiness, a missing value stays null. */
    private static Integer notification(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? 1 : 0;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToInt() ? value.intValue() : 1;
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0 ? 1 : 0;
        }
        if (value.isTextual()) {
            return value.textValue().isEmpty() ? 0 : 1;
        }
        return value.isEmpty() ? 0 : 1;
    }

    @Override
    public String toString() {
        return "IssoNewCommentRequest[parent=" + parent + "]";
    }
}
