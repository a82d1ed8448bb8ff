package io.parley.gateway.routing;

import java.util.Arrays;
import java.util.List;

/**
 * A path template such as {@code /id/{id}/like} or {@code /api/v1/rss/**}: literal segments,
 * {@code {name}} for exactly one non-empty segment, and a trailing {@code **} for zero or more
 * segments (so {@code /api/v1/email/**} also matches {@code /api/v1/email}). The template doubles as
 * the metrics tag, which keeps ids and tokens out of metric labels.
 */
public final class PathPattern {

    private final String template;
    private final String[] segments;
    private final boolean subtree;

    private PathPattern(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("path template must start with '/': " + template);
        }
        this.template = template;
        List<String> parts = Arrays.asList(split(template));
        this.subtree = !parts.isEmpty() && parts.get(parts.size() - 1).equals("**");
        this.segments = (subtree ? parts.subList(0, parts.size() - 1) : parts).toArray(String[]::new);
        for (String segment : segments) {
            if (segment.contains("**")) {
                throw new IllegalArgumentException("'**' is only allowed as the last segment: " + template);
            }
        }
    }

    public static PathPattern of(String template) {
        return new PathPattern(template);
    }

    public String template() {
        return template;
    }

    public boolean matches(String path) {
        String[] parts = split(path);
        if (subtree ? parts.length < segments.length : parts.length != segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            String expected = segments[i];
            boolean variable = expected.startsWith("{") && expected.endsWith("}");
            if (variable ? parts[i].isEmpty() : !expected.equals(parts[i])) {
                return false;
            }
        }
        return true;
    }

    /** "/" → [], "/a/b" → [a, b], "/a/" → [a, ""] (a trailing slash is a distinct, empty segment). */
    private static String[] split(String path) {
        if (path.equals("/") || path.isEmpty()) {
            return new String[0];
        }
        return path.substring(1).split("/", -1);
    }

    @Override
    public String toString() {
        return template;
    }
}
