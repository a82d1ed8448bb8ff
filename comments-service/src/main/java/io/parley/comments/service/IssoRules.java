package io.parley.comments.service;

import java.util.regex.Pattern;

/** Small text rules of the Isso dialect (escaping, website shape), kept pure for unit tests. */
public final class IssoRules {

    // Isso's "Django-conform" URL check, Unicode word characters, whole string.
    private static final Pattern WEBSITE = Pattern.compile(
            "^(?:https?://)?"
                    + "(?:(?:\\w(?:[\\w-]{0,61}\\w)?\\.)+(?:[A-Z]{2,6}\\.?|[\\w-]{2,}\\.?)"
                    + "|localhost"
                    + "|\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})"
                    + "(?::\\d+)?"
                    + "(?:/?|[/?]\\S+)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

    private IssoRules() {
    }

    /** PostgreSQL text cannot hold U+0000; it carries no meaning in a comment, so it is dropped. */
    public static String withoutNul(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    }

    public static boolean isWebsite(String text) {
        return WEBSITE.matcher(text).find();
    }

    /** Python {@code html.escape(s, quote=False)}. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Python {@code html.escape(s, quote=True)}. */
    public static String escapeWithQuotes(String s) {
        return escape(s).replace("\"", "&quot;").replace("'", "&#x27;");
    }

    /** Adds {@code http://} to a website given without a scheme. */
    public static String normaliseWebsite(String website) {
        if (website.isEmpty() || website.startsWith("http://") || website.startsWith("https://")) {
            return website;
        }
        return "http://" + website;
    }

    /** Length in code points after removing trailing whitespace as Python's {@code str.rstrip()} does. */
    public static int strippedLength(String text) {
        int end = text.length();
        while (end > 0) {
            int cp = text.codePointBefore(end);
            if (!isPythonSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return text.codePointCount(0, end);
    }

    private static boolean isPythonSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }
}
