package io.parley.notify.service;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.events.comments.CommentData;
import io.parley.notify.config.NotifyConfig;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/** Renders mails from the Qute templates under {@code templates/mail}, in the configured language. */
@ApplicationScoped
public class MailComposer {

    @Inject
    NotifyConfig config;

    @Location("mail/admin.txt")
    Template adminText;

    @Location("mail/admin.html")
    Template adminHtml;

    @Location("mail/reply.txt")
    Template replyText;

    @Location("mail/reply.html")
    Template replyHtml;

    @Location("mail/confirm.txt")
    Template confirmText;

    @Location("mail/confirm.html")
    Template confirmHtml;

    /** Isso's admin mail for a new comment; moderation links when {@code moderationKey} is known. */
    public ComposedMail admin(CommentData comment, String commentUrl, String deleteUrl, String activateUrl) {
        MailMessages words = messages();
        String name = authorName(comment, words);
        String email = comment.author() == null ? null : blankToNull(comment.author().email());
        MailView view = new MailView(language(), email == null ? name : name + " <" + email + ">", excerpt(comment.text()),
                comment.author() == null ? null : blankToNull(Html.unescape(comment.author().website())),
                comment.author() == null ? null : blankToNull(comment.author().clientNetwork()), commentUrl, deleteUrl,
                activateUrl, null, null, null, 0);
        String title = blankToNull(Html.unescape(comment.postTitle()));
        String subject = title == null ? words.adminSubject() : words.adminSubjectOn(title);
        return render(subject, adminText, adminHtml, view, null);
    }

    /** A reply notification; Remark42's subject for comments of signed-in users, Isso's otherwise. */
    public ComposedMail reply(CommentData comment, boolean remark, String commentUrl, String unsubscribeUrl) {
        MailMessages words = messages();
        MailView view = new MailView(language(), authorName(comment, words), excerpt(comment.text()), null, null,
                commentUrl, null, null, unsubscribeUrl, null, null, 0);
        String title = blankToNull(Html.unescape(comment.postTitle()));
        String subject;
        if (remark) {
            subject = title == null ? words.remarkReplySubject() : words.remarkReplySubjectFor(title);
        } else {
            subject = words.issoReplySubject(title == null ? "" : title).strip();
        }
        return render(subject, replyText, replyHtml, view, unsubscribeUrl);
    }

    /** Remark42's subscription confirmation with its token. */
    public ComposedMail confirmation(String site, String token) {
        MailView view = new MailView(language(), null, null, null, null, null, null, null, null, site, token,
                Math.max(1, config.settings().confirmation().maxAge().toMinutes()));
        return render(messages().confirmSubject(), confirmText, confirmHtml, view, null);
    }

    private ComposedMail render(String subject, Template text, Template html, MailView view, String unsubscribeUrl) {
        Locale locale = Locale.forLanguageTag(language());
        return new ComposedMail(subject,
                text.data("m", view).setLocale(locale).render().strip() + "\n",
                html.data("m", view).setLocale(locale).render(), unsubscribeUrl);
    }

    private MailMessages messages() {
        return MessageBundles.get(MailMessages.class, Localized.Literal.of(language()));
    }

    private String language() {
        return config.settings().language();
    }

    private static String authorName(CommentData comment, MailMessages words) {
        String name = comment.author() == null ? null : blankToNull(Html.unescape(comment.author().name()));
        return name == null ? words.anonymous() : name;
    }

    /** The raw text, cut at the configured length (on a code point boundary). */
    String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String trimmed = text.strip();
        int limit = config.settings().excerptLength();
        if (trimmed.codePointCount(0, trimmed.length()) <= limit) {
            return trimmed;
        }
        return trimmed.substring(0, trimmed.offsetByCodePoints(0, limit)).stripTrailing() + "…";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
