package io.parley.comments.service;

import org.jsoup.Jsoup;

import java.util.List;

/** Remark42's validation of a comment and its author name (pure, for unit tests). */
public final class RemarkRules {

    /** Longest post URL stored (the Isso dialect's bound too: the post key is indexed). */
    public static final int MAX_URL_BYTES = 2048;

    private RemarkRules() {
    }

    /** Remark42's {@code Comment.Validate} plus its link rule; a failure is 400 code 4. */
    public static void validate(String text, int minSize, int maxSize, RemarkAuthor author, List<String> links) {
        if (text == null || text.isBlank()) {
            throw invalid("empty comment text");
        }
        int size = text.codePointCount(0, text.length());
        if (size > maxSize) {
            throw invalid("comment text exceeded max allowed size " + maxSize + " (" + size + ")");
        }
        if (minSize > 0 && size < minSize) {
            throw invalid("comment text is shorter than min allowed size " + minSize + " (" + size + ")");
        }
        if (author.id() == null || author.id().isEmpty() || author.name() == null || author.name().isBlank()) {
            throw invalid("empty user info");
        }
        for (String link : links) {
            if (!absolute(link)) {
                throw invalid("links should start with mailto:, http:// or https://");
            }
        }
    }

    private static boolean absolute(String link) {
        String lower = link.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:");
    }

    /** Remark42's user name rule: every tag stripped, then HTML-escaped except {@code & " '}. */
    public static String userName(String name) {
        String text = Jsoup.parseBodyFragment(name == null ? "" : name).text();
        return text.replace("<", "&lt;").replace(">", "&gt;");
    }

    private static RemarkRejection invalid(String error) {
        return RemarkRejection.badRequest(RemarkRejection.VALIDATION, error, "invalid comment");
    }
}
