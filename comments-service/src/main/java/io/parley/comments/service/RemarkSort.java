package io.parley.comments.service;

import java.util.Comparator;

/** Remark42's {@code sort} of {@code /find}: {@code [+|-]time|active|score|controversy}, ascending time otherwise. */
public record RemarkSort(Field field, boolean descending) {

    public enum Field { TIME, ACTIVE, SCORE, CONTROVERSY }

    public static final RemarkSort DEFAULT = new RemarkSort(Field.TIME, false);

    static final Comparator<RemarkComment> OLDEST_FIRST =
            Comparator.comparing(RemarkComment::created).thenComparingLong(RemarkComment::id);

    /** Parses {@code sort}; a leading space is a {@code +} lost to URL decoding; unknown values sort by time. */
    public static RemarkSort parse(String sort) {
        if (sort == null || sort.isEmpty()) {
            return DEFAULT;
        }
        String value = sort.charAt(0) == ' ' ? "+" + sort.substring(1) : sort;
        boolean descending = value.startsWith("-");
        String name = value.startsWith("-") || value.startsWith("+") ? value.substring(1) : value;
        Field field = switch (name) {
            case "time" -> Field.TIME;
            case "active" -> Field.ACTIVE;
            case "score" -> Field.SCORE;
            case "controversy" -> Field.CONTROVERSY;
            default -> null;
        };
        return field == null ? DEFAULT : new RemarkSort(field, descending);
    }

    /**
     * Order of comments in a flat list (and of roots, except {@code active}, which the tree handles): ties on
     * score and controversy go to the older comment in both directions, as in Remark42.
     */
    Comparator<RemarkComment> comments() {
        return switch (field) {
            case TIME, ACTIVE -> descending ? OLDEST_FIRST.reversed() : OLDEST_FIRST;
            case SCORE -> byValueThenOlder(Comparator.comparingInt(RemarkComment::score));
            case CONTROVERSY -> byValueThenOlder(Comparator.comparingDouble(RemarkComment::controversy));
        };
    }

    private Comparator<RemarkComment> byValueThenOlder(Comparator<RemarkComment> value) {
        return (descending ? value.reversed() : value).thenComparing(OLDEST_FIRST);
    }
}
