package io.parley.events.comments;

/**
 * A comment was written (published or pending moderation), or brought in by an importer.
 *
 * @param moderationKey the signed key of the comment's moderation links ({@code /id/{id}/{action}/{key}}),
 *                      for the admin notification mail only; like the author's email it is private: public views
 *                      never show it and logs never print it. Null in events from before it existed.
 * @param imported      the comment was imported from another system (e.g. an Isso database), not written now:
 *                      read models take it like any other, but nobody is notified of it
 */
public record CommentPosted(String site, String postUrl, CommentData comment, String moderationKey,
                            boolean imported) implements CommentEvent {

    /** An event without a moderation key. */
    public CommentPosted(String site, String postUrl, CommentData comment) {
        this(site, postUrl, comment, null, false);
    }

    /** A comment written now. */
    public CommentPosted(String site, String postUrl, CommentData comment, String moderationKey) {
        this(site, postUrl, comment, moderationKey, false);
    }

    @Override
    public String toString() {
        return "CommentPosted[site=" + site + ", postUrl=" + postUrl + ", comment=" + comment
                + ", imported=" + imported + "]";
    }
}
