package io.parley.comments.service;

/**
 * A validated comment to write. Text fields are as the dialect stores them (Isso: author and email
 * HTML-escaped, website escaped and with a scheme).
 *
 * @param clientAddress the client's address as received; only its anonymised network is stored
 * @param parentId the comment replied to, or null
 * @param notification the client's reply-notification value as sent, or null
 */
public record NewComment(String site, String uri, String title, String text, String author, String email,
                         String website, Long parentId, Integer notification, String clientAddress) {

    @Override
    public String toString() {
        return "NewComment[site=" + site + ", uri=" + uri + ", parentId=" + parentId + "]";
    }
}
