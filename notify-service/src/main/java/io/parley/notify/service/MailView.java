package io.parley.notify.service;

/**
 * What a mail template shows. Absent parts are null and left out by the templates.
 *
 * @param who          the author as the mail names them ("name", or "name &lt;email&gt;" in the admin mail)
 * @param excerpt      the comment's raw text, cut to the configured length
 * @param website      author's website (admin mail only)
 * @param network      the anonymised client network (admin mail only)
 * @param commentUrl   the comment on its page
 * @param deleteUrl    Isso moderation link (admin mail)
 * @param activateUrl  Isso moderation link, only while the comment is pending (admin mail)
 * @param unsubscribeUrl link that stops these mails (reply mails)
 * @param site         the site (confirmation mail)
 * @param token        the confirmation token (confirmation mail)
 * @param tokenMinutes how long the token works (confirmation mail)
 */
public record MailView(String language, String who, String excerpt, String website, String network,
                       String commentUrl, String deleteUrl, String activateUrl, String unsubscribeUrl,
                       String site, String token, long tokenMinutes) {
}
