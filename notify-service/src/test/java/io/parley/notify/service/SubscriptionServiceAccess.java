package io.parley.notify.service;

/** Test access to package-private helpers. */
public final class SubscriptionServiceAccess {

    private SubscriptionServiceAccess() {
    }

    public static String sha1(String value) {
        return SubscriptionService.sha1(value);
    }
}
