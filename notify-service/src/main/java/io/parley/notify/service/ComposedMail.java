package io.parley.notify.service;

/** A rendered mail: subject, plain-text and HTML parts, and the unsubscribe link for {@code List-Unsubscribe}. */
public record ComposedMail(String subject, String text, String html, String unsubscribeUrl) {
}
