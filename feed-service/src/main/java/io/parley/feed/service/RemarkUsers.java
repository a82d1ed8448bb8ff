package io.parley.feed.service;

/** How the Remark42 dialect names the author of a comment. */
public final class RemarkUsers {

    private RemarkUsers() {
    }

    /** The session user id, or for anonymous Isso-style authors {@code anonymous_<author hash>}. */
    public static String id(StoredComment comment) {
        return comment.authorUserId() != null ? comment.authorUserId()
                : "anonymous_" + (comment.authorHash() == null ? "" : comment.authorHash());
    }

    public static String name(StoredComment comment) {
        return comment.authorName() == null ? "" : comment.authorName();
    }
}
