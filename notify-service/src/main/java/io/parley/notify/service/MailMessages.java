package io.parley.notify.service;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of every mail, English here, German in {@code messages/msg_de.properties}; templates use them as
 * {@code {msg:...}}, subjects are taken in Java. English texts follow Isso's and Remark42's own mails.
 */
@MessageBundle
public interface MailMessages {

    @Message("New comment posted")
    String adminSubject();

    @Message("New comment posted on {title}")
    String adminSubjectOn(String title);

    @Message("Re: New comment posted on {title}")
    String issoReplySubject(String title);

    @Message("New reply to your comment")
    String remarkReplySubject();

    @Message("New reply to your comment for \"{title}\"")
    String remarkReplySubjectFor(String title);

    @Message("Confirm your e-mail subscription")
    String confirmSubject();

    @Message("{who} wrote:")
    String wrote(String who);

    @Message("Anonymous")
    String anonymous();

    @Message("User's URL")
    String website();

    @Message("IP address")
    String ipAddress();

    @Message("Link to comment")
    String linkToComment();

    @Message("Delete comment")
    String deleteComment();

    @Message("Activate comment")
    String activateComment();

    @Message("Unsubscribe from this conversation")
    String unsubscribe();

    @Message("You asked for e-mail notifications about replies to your comments on {site}.")
    String confirmIntro(String site);

    @Message("Paste this confirmation token into the comment widget within {minutes} minutes:")
    String confirmToken(long minutes);

    @Message("If you did not ask for this, ignore this mail.")
    String confirmIgnore();
}
