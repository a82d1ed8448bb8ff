package io.parley.notify.repository;

/** Where one mail of the delivery log stands. */
public enum DeliveryState {
    /** Waiting for its due time (new, or after a failed try or a rate-limit deferral). */
    PENDING,
    /** Claimed by a sender; it is being handed to SMTP now. */
    SENDING,
    /** Accepted by the SMTP server. */
    SENT,
    /** Dead letter: every try failed, or a crash interrupted the send and it is unknown whether it went out. */
    DEAD
}
