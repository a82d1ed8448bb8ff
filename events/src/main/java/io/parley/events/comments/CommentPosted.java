package io.parley.events.comments;

/**
 * A comment was written (published or pending moderation).
 *
 * @param moderationKey the signed key of the comment's moderation links ({@code /id/{id}/{action}/{key}}),
 *                      for the admin notification mail only; like the author's email it is private: public views
 *                      never show it and logs never print it. Null in events from before it existed.
 */
public record CommentPosted(String site, String postUrl, CommentData comment, String moderationKey)
        implements CommentEvent {

    /** An event without a moderation key. */
    public CommentPosted(String site, String postUrl, CommentData comment) {
        this(site, postUrl, comment, null);
    }

    @Override
    public String toString() {
        return "CommentPosted[site=" + site + ", postUrl=" + postUrl + ", comment=" + comment + "]";
    }
}
