package io.parley.comments.service;

/**
 * One Isso thread listing request, already parsed.
 *
 * @param limit top-level items at most; null: all, 0: none, negative: all (after the offset)
 * @param offset items skipped, only when {@code limit} is given
 * @param parent list the replies of this comment instead of the top level, or null
 * @param nestedLimit replies per top-level item; null: reuse limit and offset (Isso), ≤ 0: none
 * @param afterMicros only comments created strictly after this many microseconds since the epoch
 */
public record ThreadQuery(String site, String uri, Sort sort, Integer limit, int offset, Long parent,
                          Integer nestedLimit, long afterMicros) {

    public enum Sort { OLDEST, NEWEST, UPVOTES }
}
