package io.parley.auth.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the {@code ttl} of a block: Go durations ({@code 43200m}, {@code 12h}, {@code 1h30m}, {@code 1.5h}) and also
 * days ({@code 7d}), which Go rejects (Remark42 then silently blocks forever; we accept them).
 */
public final class BlockDurations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h|d))+");

    private BlockDurations() {
    }

    /**
     * @return the duration; null for "no ttl" (empty or zero: a permanent block)
     * @throws IllegalArgumentException for anything else
     */
    public static Duration parse(String ttl) {
        if (ttl == null || ttl.isBlank()) {
            return null;
        }
        String value = ttl.trim();
        if (value.equals("0")) {
            return null;
        }
        if (value.length() > 64 || !WHOLE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a duration: use e.g. 7d, 12h, 90m or 1h30m");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher part = PART.matcher(value);
        while (part.find()) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unitNanos(part.group(2)))));
        }
        // Beyond 100 years a block is as permanent as Remark42's permanent ones.
        if (nanos.compareTo(BigDecimal.valueOf(UserService.PERMANENT.toNanos())) >= 0) {
            return UserService.PERMANENT;
        }
        Duration duration = Duration.ofNanos(nanos.longValue());
        return duration.isZero() ? null : duration;
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
        };
    }
}
