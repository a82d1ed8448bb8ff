package io.parley.notify.repository;

import java.time.Instant;

/**
 * One mail to one recipient for one event, as the delivery log keeps it: the rendered mail and where its delivery
 * stands. The key {@code eventId|recipient} makes a second mail for the same pair impossible.
 *
 * @param recipient lower-cased address (private: never logged)
 * @param kind      what the mail is, e.g. {@code isso-reply}
 * @param rateLimited whether the per-recipient limit applies (not to admin addresses)
 */
public record Delivery(String id, String eventId, String recipient, String kind, boolean rateLimited,
                       String subject, String text, String html, String unsubscribeUrl, DeliveryState state,
                       int attempts, Instant due, String lastError) {

    public static String key(String eventId, String recipient) {
        return eventId + "|" + recipient;
    }

    /** A new, due mail. */
    public static Delivery pending(String eventId, String recipient, String kind, boolean rateLimited,
                                   String subject, String text, String html, String unsubscribeUrl, Instant now) {
        return new Delivery(key(eventId, recipient), eventId, recipient, kind, rateLimited, subject, text, html,
                unsubscribeUrl, DeliveryState.PENDING, 0, now, null);
    }

    @Override
    public String toString() {
        return "Delivery[event=" + eventId + ", kind=" + kind + ", state=" + state + ", attempts=" + attempts + "]";
    }
}
