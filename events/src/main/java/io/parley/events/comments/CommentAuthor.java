package io.parley.events.comments;

/**
 * Who wrote a comment. {@code email} and {@code clientNetwork} are private: internal consumers (votes,
 * notifications) need them, public views never show them and logs never print them.
 *
 * @param name display name, already escaped for HTML, or null
 * @param userId the session user id for signed-in authors (Remark42 style), or null for anonymous Isso posts
 * @param email the author's address as given, or null
 * @param website the author's website, or null
 * @param hash the public author hash (Isso identicons)
 * @param clientNetwork the anonymised client address (Isso rules), or null
 * @param wantsReplyNotifications the author asked to be told about replies
 * @param picture the avatar URL of a signed-in author (Remark42 {@code user.picture}), or null
 */
public record CommentAuthor(String name, String userId, String email, String website, String hash,
                            String clientNetwork, boolean wantsReplyNotifications, String picture) {

    /** An author without a picture (Isso posts). */
    public CommentAuthor(String name, String userId, String email, String website, String hash,
                         String clientNetwork, boolean wantsReplyNotifications) {
        this(name, userId, email, website, hash, clientNetwork, wantsReplyNotifications, null);
    }

    @Override
    public String toString() {
        // Never let private data reach a log line through toString().
        return "CommentAuthor[name=" + name + ", userId=" + userId + ", hash=" + hash + ", picture=" + picture + "]";
    }
}
