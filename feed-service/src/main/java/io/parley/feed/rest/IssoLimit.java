package io.parley.feed.rest;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Reads an integer query parameter the way Isso's Python {@code int(...)} does (spaces, sign, underscores). */
final class IssoLimit {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+(_\\d+)*");

    private IssoLimit() {
    }

    /** @return the value (clamped to the long range), or empty when it is no integer */
    static OptionalLong parse(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        String trimmed = value.strip().replace("_", "");
        if (!INTEGER.matcher(value.strip()).matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(trimmed));
        } catch (NumberFormatException tooLong) {
            return OptionalLong.of(trimmed.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE);
        }
    }
}
